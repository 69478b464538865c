// A fake SDK with one flaw: it verifies return URLs and IPNs locally, RSA-SHA1 only. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-rsa-only', { rsaOnly: true });
