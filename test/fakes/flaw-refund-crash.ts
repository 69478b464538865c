// A fake SDK with one flaw: it crashes on every Refund. test/sdk-replay.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-refund-crash', { crashOnRefund: true });
