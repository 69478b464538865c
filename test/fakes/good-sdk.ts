// A correct fake FPS SDK: every sdk check must hold against it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('good-fake-sdk');
