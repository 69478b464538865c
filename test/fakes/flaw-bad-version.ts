// A fake SDK with one flaw: it sends an undocumented Version. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-bad-version', { version: '2009-01-09' });
