// The kill table: for each injected bug (emulator/bugs.ts), the default full run (every suite, the
// default runs) against the reference emulator with that one bug, and whether a check citing one of
// the bug's rules failed. Prints one line per bug as it goes, then the table and the totals.
//   npx tsx bench/kill-table.ts [seed=1] [bug,bug,...] [--area-suites]
// --area-suites: each bug's run is limited to the suites whose checks cite one of its rules (what
// test/self-validation-detection.test.ts does), for a quick table; the default is the full run.
// Time to detection: wall time from the run's start until the first failing check that cites one of
// the bug's rules finished (the runner's events.checkDone). Not a test: it takes a while.
import { BUGS, type Bug } from '../emulator/bugs.ts';
import { createEmulator } from '../emulator/index.ts';
import type { RunEvents } from '../harness/run-options.ts';
import { runConformance } from '../harness/runner.ts';
import { SUITES } from '../suites/index.ts';

const args = process.argv.slice(2).filter((a) => a !== '--area-suites');
const areaSuites = process.argv.includes('--area-suites');
const seed = Number(args[0] ?? 1);
const only = args[1]?.split(',').filter(Boolean);
if (!Number.isSafeInteger(seed)) {
  process.stderr.write('usage: tsx bench/kill-table.ts [seed] [bug,bug,...]\n');
  process.exit(2);
}
const unknown = (only ?? []).filter((n) => !BUGS.some((b) => b.name === n));
if (unknown.length) {
  process.stderr.write(`unknown bug(s): ${unknown.join(', ')}\n`);
  process.exit(2);
}

interface Row {
  bug: string;
  area: string;
  rules: string;
  caught: boolean;
  firstCheck: string;
  detectS: number | undefined;
  transcript: number | undefined;
  counterexample: number | undefined;
  runS: number;
}

async function measure(bug: Bug): Promise<Row> {
  const emulator = createEmulator({ seed, bugs: [bug.name] });
  const t0 = performance.now();
  const doneAt = new Map<string, number>();
  const events: RunEvents = {
    suiteStart: () => {},
    checkDone: (_suite, id, status) => {
      if (status === 'fail') doneAt.set(id, performance.now() - t0);
    },
    suiteEnd: () => {},
    done: () => {},
  };
  try {
    const suites = areaSuites ? SUITES.filter((s) => s.checks.some((c) => c.requirements.some((r) => bug.rules.includes(r)))).map((s) => s.name) : undefined;
    const { report } = await runConformance({ handler: (r) => emulator.handle(r), seed, events, ...(suites ? { suites } : {}) });
    const citing = report.checks.filter((c) => c.status === 'fail' && c.requirements.some((r) => bug.rules.includes(r)));
    const first = citing[0];
    return {
      bug: bug.name,
      area: bug.area,
      rules: bug.rules.join(','),
      caught: first !== undefined,
      firstCheck: first?.id ?? '-',
      detectS: first ? doneAt.get(first.id)! / 1000 : undefined,
      transcript: first?.transcript?.length,
      counterexample: first?.counterexample?.length,
      runS: (performance.now() - t0) / 1000,
    };
  } finally {
    await emulator.close();
  }
}

const cell = (v: number | undefined, digits = 0): string => (v === undefined ? '-' : v.toFixed(digits));
const HEAD = '| bug | area | rules | caught | first failing check | detection (s) | transcript | counterexample | run (s) |';
const line = (r: Row): string =>
  `| ${r.bug} | ${r.area} | ${r.rules} | ${r.caught ? 'yes' : 'NO'} | ${r.firstCheck} | ${cell(r.detectS, 1)} | ${cell(r.transcript)} | ${cell(r.counterexample)} | ${cell(r.runS, 1)} |`;

const bugs = only ? BUGS.filter((b) => only.includes(b.name)) : BUGS;
process.stdout.write(`kill table: ${bugs.length} bugs, seed ${seed}, ${areaSuites ? 'the suites citing each bug\'s rules' : 'default full run each'} (default runs)\n`);
const rows: Row[] = [];
for (const [i, bug] of bugs.entries()) {
  const row = await measure(bug);
  rows.push(row);
  process.stdout.write(`[${i + 1}/${bugs.length}] ${line(row)}\n`);
}
const caught = rows.filter((r) => r.caught);
const times = caught.map((r) => r.detectS!).sort((a, b) => a - b);
const median = times.length === 0 ? undefined : times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
process.stdout.write(`\n${HEAD}\n|${' --- |'.repeat(9)}\n${rows.map(line).join('\n')}\n\n`);
process.stdout.write(`caught ${caught.length}/${rows.length}; median time to detection ${cell(median, 1)} s\n`);
