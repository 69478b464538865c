// A fake SDK with one flaw: it has no Recurring pipeline. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-no-recurring', { noRecurring: true });
