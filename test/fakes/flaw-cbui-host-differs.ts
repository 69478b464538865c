// A fake SDK with one flaw: it signs Co-Branded URLs over the host without its port, API requests with it. test/sdk-fakes.test.ts runs it.
import { createFakeSdk } from './fake-sdk.ts';

export default createFakeSdk('fake-cbui-host-differs', { cbuiHostWithoutPort: true });
