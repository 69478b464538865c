// The kit judged as a verifier: every injected bug is caught (this file: every area the first file does not take).
import { describeDetection, FIRST_HALF_AREAS } from './support/detection.ts';

describeDetection((bug) => !FIRST_HALF_AREAS.includes(bug.area));
