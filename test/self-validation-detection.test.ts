// The kit judged as a verifier: every injected bug is caught (this file: the areas of FIRST_HALF_AREAS).
import { describeDetection, FIRST_HALF_AREAS } from './support/detection.ts';

describeDetection((bug) => FIRST_HALF_AREAS.includes(bug.area));
