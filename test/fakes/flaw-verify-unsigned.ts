// A fake SDK with one flaw: it sends VerifySignature unsigned. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-verify-unsigned', { verifyUnsigned: true });
