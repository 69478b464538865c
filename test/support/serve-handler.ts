// Serves a Fetch handler (test/support/fake-target.ts) on 127.0.0.1 for tests that need a real socket, through
// the reference emulator's HTTP layer, so the fake answers every R-WIRE-5 case a real server must.
import { listenFetch } from '../../emulator/server.ts';

export async function serveHandler(handle: (r: Request) => Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const layer = await listenFetch(() => ({ handle }));
  return { url: layer.url, close: () => layer.close() };
}
