// The kill table: for each injected bug (emulator/bugs.ts), a conformance run against the reference
// emulator with that one bug, and whether a check citing one of the bug's rules failed. One line per
// bug as it goes, then the table by clause (emulator/bugs/clauses.ts), the clauses left without a
// bug and why, and the totals.
//   npx tsx bench/kill-table.ts [--seed 1] [--bug a,b] [--area tokens,ipn] [--jobs 2] [--quick]
// --bug may also name a bug not yet registered (emulator/bugs/pending.ts), to measure it first.
// Default: the default full run per bug (every suite, default runs). --quick narrows each run as the
// detection tests do (the suites and checks citing the bug's rules, a 20 s limit): a fast table.
// --jobs N runs the bugs in N child processes. Time to detection: wall time from the run's start
// until the first failing check that cites one of the bug's rules finished (events.checkDone);
// shrunk length: the steps of that check's shrunk counterexample. Not a test: it takes a while.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ALL_BUGS, BUGS, type Bug } from '../emulator/bugs.ts';
import { CLAUSES, clauseCoverage } from '../emulator/bugs/clauses.ts';
import { createEmulator } from '../emulator/core.ts';
import type { RunEvents } from '../run/run-options.ts';
import { runConformance } from '../run/service-runner.ts';
import { SUITES } from '../suites/service/index.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    bug: { type: 'string' },
    area: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    rows: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const jobs = Number(values.jobs);
const list = (v: string | undefined): string[] | undefined => v?.split(',').filter(Boolean);
const names = list(values.bug);
const areas = list(values.area);
// a pending bug (emulator/bugs/pending.ts) may be named with --bug, to measure it before it is registered
const unknown = (names ?? []).filter((n) => !ALL_BUGS.some((b) => b.name === n));
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(jobs) || jobs < 1 || unknown.length) {
  process.stderr.write(`${unknown.length ? `unknown bug(s): ${unknown.join(', ')}\n` : ''}usage: tsx bench/kill-table.ts [--seed n] [--bug a,b] [--area x,y] [--jobs n] [--quick]\n`);
  process.exit(2);
}

interface Row {
  bug: string;
  clause: string;
  rules: string;
  caught: boolean;
  check: string;
  detectS: number | undefined;
  shrunk: number | undefined;
  runS: number;
}

const citing = (bug: Bug) => (requirements: readonly string[]): boolean => requirements.some((r) => bug.rules.includes(r));

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
    const narrow = values.quick
      ? { suites: SUITES.filter((s) => s.checks.some((c) => citing(bug)(c.requirements))).map((s) => s.name), grep: bug.rules.join(','), timeLimitMs: 20_000 }
      : {};
    const { report } = await runConformance({ handler: (r) => emulator.handle(r), seed, events, ...narrow });
    const failed = report.checks.filter((c) => c.status === 'fail' && citing(bug)(c.requirements));
    // the first to fail in time
    const first = failed.sort((a, b) => (doneAt.get(a.id) ?? Infinity) - (doneAt.get(b.id) ?? Infinity))[0];
    return {
      bug: bug.name,
      clause: bug.clause,
      rules: bug.rules.join(','),
      caught: first !== undefined,
      check: first?.id ?? '-',
      detectS: first ? (doneAt.get(first.id) ?? NaN) / 1000 : undefined,
      shrunk: first?.counterexample?.length ?? first?.transcript?.length,
      runS: (performance.now() - t0) / 1000,
    };
  } finally {
    await emulator.close();
  }
}

const cell = (v: number | undefined, digits = 0): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));
const line = (r: Row): string => `| ${r.clause} | ${r.bug} | ${r.caught ? r.check : 'NOT CAUGHT'} | ${cell(r.detectS, 1)} | ${cell(r.shrunk)} | ${cell(r.runS, 1)} |`;

/** Runs `bugs` in child processes (this script with --rows), `jobs` at a time; rows come back as JSON lines. */
async function inChildren(bugs: readonly Bug[]): Promise<Row[]> {
  const shares = Array.from({ length: jobs }, (_, i) => bugs.filter((_b, j) => j % jobs === i)).filter((s) => s.length);
  const rows: Row[] = [];
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const args = [process.argv[1]!, '--rows', '--seed', String(seed), '--bug', share.map((b) => b.name).join(','), ...(values.quick ? ['--quick'] : [])];
          const child = spawn(process.execPath, [...process.execArgv, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
          let buf = '';
          child.stdout.on('data', (d: Buffer) => {
            buf += d.toString();
            for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
              const row = JSON.parse(buf.slice(0, i)) as Row;
              buf = buf.slice(i + 1);
              rows.push(row);
              process.stdout.write(`[${rows.length}/${bugs.length}] ${line(row)}\n`);
            }
          });
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited ${code}`))));
        }),
    ),
  );
  return rows;
}

const bugs = (names === undefined ? BUGS : ALL_BUGS).filter((b) => (names === undefined || names.includes(b.name)) && (areas === undefined || areas.includes(b.area)));
if (values.rows) {
  for (const bug of bugs) process.stdout.write(`${JSON.stringify(await measure(bug))}\n`);
} else {
  process.stdout.write(`kill table: ${bugs.length} bugs, seed ${seed}, ${values.quick ? 'the suites and checks citing each bug\'s rules, 20 s limit' : 'default full run each'}, ${jobs} process(es)\n`);
  const rows: Row[] = [];
  if (jobs > 1) rows.push(...(await inChildren(bugs)));
  else
    for (const [i, bug] of bugs.entries()) {
      const row = await measure(bug);
      rows.push(row);
      process.stdout.write(`[${i + 1}/${bugs.length}] ${line(row)}\n`);
    }
  rows.sort((a, b) => (a.clause < b.clause ? -1 : 1));
  const caught = rows.filter((r) => r.caught);
  const times = caught.map((r) => r.detectS!).filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
  const median = times.length === 0 ? undefined : times[Math.floor((times.length - 1) / 2)];
  process.stdout.write(`\n| clause | bug | check | detection (s) | shrunk length | run (s) |\n|${' --- |'.repeat(6)}\n${rows.map(line).join('\n')}\n\n`);
  const cov = clauseCoverage();
  if (names === undefined && areas === undefined) {
    process.stdout.write(`clauses without a bug (${cov.unchecked.length}):\n${cov.unchecked.map((c) => `  ${c.clause}: ${c.reason}`).join('\n')}\n\n`);
  }
  const clausesCaught = new Set(caught.map((r) => r.clause));
  process.stdout.write(`clauses: ${CLAUSES.length} in the table, ${cov.withBug.length} with a bug; ${clausesCaught.size} clauses killed here\n`);
  process.stdout.write(`bugs caught ${caught.length}/${rows.length}; median time to detection ${cell(median, 1)} s\n`);
  if (caught.length < rows.length) process.exitCode = 1;
}
