// No false alarm against an emulator that takes the other allowed choices (`choice: 'random'`):
// Failure instead of Success, Pending work completing on its own, either side of tolerance bands,
// other error codes from the allowed sets. The kit must accept each outcome a ruling allows.
// Seeds 101..110 here (2 runs per property), 111..120 in -random-b (1 run per property, for CI time).
import { describeNoFalseAlarms } from './support/no-false-alarms.ts';

describeNoFalseAlarms('self-validation: no false alarm against the reference emulator (random allowed choices)', [101, 102, 103, 104, 105, 106, 107, 108, 109, 110], 'random');
