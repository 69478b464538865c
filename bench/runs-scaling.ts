// What --runs costs: one suite at --runs 25 and at --runs 100, side by side in one process (same
// seed, the embedded emulator), and the ratio of their wall times (target ≤ 4.5: a case costs about
// the same however many ran before it).
//   npx tsx bench/runs-scaling.ts [suite=refunds] [seed=42]
import { runConformance } from '../harness/runner.ts';
import { loadavg } from './lib.ts';

const suite = process.argv[2] ?? 'refunds';
const seed = Number(process.argv[3] ?? 42);
process.stdout.write(`load average at start: ${await loadavg()}\n`);
const timed = async (runs: number): Promise<number> => {
  const t0 = performance.now();
  const { exitCode } = await runConformance({ seed, suites: [suite], runs });
  const ms = performance.now() - t0;
  process.stdout.write(`  --suite ${suite} --runs ${runs}: ${(ms / 1000).toFixed(1)} s, exit ${exitCode}\n`);
  return ms;
};
await timed(5); // warm-up (JIT, schemas)
const a = await timed(25);
const b = await timed(100);
process.stdout.write(`ratio runs 100 / runs 25: ${(b / a).toFixed(2)} (target <= 4.5)\nload average at end: ${await loadavg()}\n`);
