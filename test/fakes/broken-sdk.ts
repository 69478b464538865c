// A deliberately broken fake FPS SDK: signs with "+" for spaces, resends a failed Pay with a new
// CallerReference, and drops error codes. The sdk checks must catch exactly these.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('broken-fake-sdk', { plusForSpace: true, newCallerReferenceOnRetry: true, dropErrorCodes: true });
