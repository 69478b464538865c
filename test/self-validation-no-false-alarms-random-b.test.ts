// No false alarm against random allowed choices, seeds 111..120 (with -random: 20 seeds). One
// generated case per property keeps the whole suite's CI time down; the seeds vary the cases.
import { describeNoFalseAlarms } from './support/no-false-alarms.ts';

describeNoFalseAlarms('self-validation: no false alarm against the reference emulator (random allowed choices, seeds 111-120)', [111, 112, 113, 114, 115, 116, 117, 118, 119, 120], 'random', { runs: 1 });
