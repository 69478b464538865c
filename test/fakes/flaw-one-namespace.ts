// A fake SDK with one flaw: it reads only the 2010-08-28 namespace. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-one-namespace', { oneNamespace: true });
