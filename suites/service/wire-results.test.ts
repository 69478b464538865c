// tokens/charge-results-are-http-200 holds against the reference emulator and fails, citing R-WIRE-3,
// against one that answers charges 201 Created; without /_sandbox it is not tested, never passed.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/core.ts';
import { runConformance } from '../../run/service-runner.ts';
import { chargeResultsAreHttp200 } from './wire-results.ts';

async function run(bugs: string[]) {
  const emulator = createEmulator({ seed: 2, bugs });
  try {
    const { report } = await runConformance({ handler: (r) => emulator.handle(r), registry: [{ name: 'tokens', title: 'tokens', checks: [chargeResultsAreHttp200] }], seed: 2 });
    return report.checks[0]!;
  } finally {
    await emulator.close();
  }
}

describe('tokens/charge-results-are-http-200', () => {
  it('holds against the reference emulator, having seen the Pay and the Refund', async () => {
    const r = await run([]);
    expect(r.status, r.message).toBe('pass');
    expect(r.message).toMatch(/the Pay and the Refund answered HTTP 200/);
  });

  it('fails against an emulator answering a successful Pay 201', async () => {
    const r = await run(['wire-201-created']);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^R-WIRE-3: a successful Pay must be answered HTTP 200; it came with HTTP 201/);
  });
});
