// A fake SDK with one flaw: it crashes on an error code it does not know. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-unknown-code-crash', { crashOnUnknownCode: true });
