// No false alarm against an emulator that takes the other allowed choices (`choice: 'random'`):
// Failure instead of Success, Pending work completing on its own, either side of tolerance bands,
// other error codes from the allowed sets. The kit must accept each outcome a ruling allows.
import { describeNoFalseAlarms } from './no-false-alarms.ts';

describeNoFalseAlarms('self-validation: no false alarm against the reference emulator (random allowed choices)', [101, 102, 103, 104, 105, 106, 107, 108, 109, 110], 'random');
