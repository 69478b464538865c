// What --runs costs: a suite at --runs 25 and at --runs 100, side by side in one process (same
// seed, the embedded emulator), the better of two timings each, and the ratio of their wall times
// (target ≤ 4.5: a case costs about the same however many ran before it). The generated cases each
// run reached are printed too, so a low ratio cannot come from checks that stopped generating.
//   npx tsx bench/runs-scaling.ts [suites=refunds,tokens,idempotency] [seed=42]
const { runConformance } = await kit<typeof import('../run/service-runner.ts')>('run/service-runner');
import { loadavg } from './lib.ts';
import { kit, measuring } from './code.ts';

const suites = (process.argv[2] ?? 'refunds,tokens,idempotency').split(',').filter((s) => s !== '');
const seed = Number(process.argv[3] ?? 42);
process.stdout.write(`load average at start: ${await loadavg()}; measuring ${measuring}\n`);
const timed = async (suite: string, runs: number): Promise<number> => {
  const t0 = performance.now();
  const { exitCode, report } = await runConformance({ seed, suites: [suite], runs });
  const ms = performance.now() - t0;
  const cases = report.checks.reduce((n, c) => n + (c.numRuns ?? 0), 0);
  process.stdout.write(`  --suite ${suite} --runs ${runs}: ${(ms / 1000).toFixed(1)} s, ${cases} generated cases, exit ${exitCode}\n`);
  return ms;
};
const ratios: string[] = [];
for (const suite of suites) {
  await timed(suite, 5); // warm-up (JIT, schemas)
  // the better of two timings each: a second of noise on a shared machine is a large share here
  const a = Math.min(await timed(suite, 25), await timed(suite, 25));
  const b = Math.min(await timed(suite, 100), await timed(suite, 100));
  ratios.push(`${suite} ${(b / a).toFixed(2)}`);
}
process.stdout.write(`ratio runs 100 / runs 25 (target <= 4.5): ${ratios.join(', ')}\nload average at end: ${await loadavg()}\n`);
