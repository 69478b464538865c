// A fake SDK with one flaw: it reads only the exact {Action}Response root. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-one-root', { oneRoot: true });
