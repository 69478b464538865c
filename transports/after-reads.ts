// Work held until the check phase of this turn of the event loop, when the poll phase has read every
// request that arrived: the node:http adapter runs the API requests of one turn through the core
// together (they run warmer back to back), and a body's stall timer is set only for a body still
// arriving by then (most have ended: no timer set and cleared per request). One immediate per turn.

const waiting: (() => void)[] = [];
const runAll = (): void => {
  for (const job of waiting.splice(0)) job();
};

/** Runs `job` in this turn's check phase (the next turn's, when called from the check phase). */
export function afterReads(job: () => void): void {
  if (waiting.push(job) === 1) setImmediate(runAll);
}

let turn: Promise<void> | undefined;
/** One promise per turn that settles when afterReads' jobs run: what many requests of a turn await. */
export function readsDone(): Promise<void> {
  return (turn ??= new Promise((resolve) => afterReads(() => {
    turn = undefined;
    resolve();
  })));
}
