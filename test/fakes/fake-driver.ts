// The fake SDKs as fps-driver/1 processes (JSON lines on stdin/stdout), to test the loopback
// transport and the driver protocol end to end: `node --import tsx test/fakes/fake-driver.ts [broken]`.
import { createInterface } from 'node:readline';
import type { DriverAnswer } from '../../clients/driver-protocol.ts';
import { createFakeSdk } from './fake-sdk.ts';

const broken = process.argv.includes('broken');
const sdk = createFakeSdk(broken ? 'broken-fake-driver' : 'good-fake-driver', broken ? { plusForSpace: true, newCallerReferenceOnRetry: true, dropErrorCodes: true } : {});

const rl = createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const m = JSON.parse(line) as Record<string, unknown> & { id: number; type: string };
  let a: DriverAnswer;
  switch (m.type) {
    case 'hello': a = await sdk.hello(); break;
    case 'configure': a = await sdk.configure(m as never); break;
    case 'call': a = await sdk.call(m.action as string, m.params as never); break;
    case 'cbuiUrl': a = await sdk.cbuiUrl(m.pipeline as string, m.params as never); break;
    case 'verifyReturnUrl': a = await sdk.verifyReturnUrl(m.url as string); break;
    case 'verifyIpn': a = await sdk.verifyIpn(m.endpoint as string, m.params as never); break;
    case 'shutdown':
      process.stdout.write(`${JSON.stringify({ id: m.id, ok: true })}\n`);
      process.exit(0);
    default: a = { ok: false, unsupported: `unknown type ${m.type}` };
  }
  process.stdout.write(`${JSON.stringify({ id: m.id, ...a })}\n`);
});
