// Wall time of the default full run (`fps-conformance run` with no flags: every suite, the embedded
// reference emulator, the default runs per property), plus the check counts.
//   npx tsx bench/full-run.ts [seed]
import { runConformance } from '../harness/runner.ts';

const seed = Number(process.argv[2] ?? 1);
const t0 = performance.now();
const { exitCode, report } = await runConformance({ seed });
const ms = performance.now() - t0;
const counts = new Map<string, number>();
for (const c of report.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
process.stdout.write(
  `default full run (seed ${seed}, ${report.suites.length} suites, ${report.checks.length} checks): ${(ms / 1000).toFixed(1)} s wall, exit ${exitCode}\n` +
    `  ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}\n`,
);
const perSuite = new Map<string, number>();
for (const c of report.checks) perSuite.set(c.suite, (perSuite.get(c.suite) ?? 0) + c.durationMs);
for (const [suite, total] of [...perSuite].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${suite.padEnd(20)} ${(total / 1000).toFixed(1)} s\n`);
