// A fake SDK with one flaw: it reports every error with HTTP status 400. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-loses-http-status', { losesHttpStatus: true });
