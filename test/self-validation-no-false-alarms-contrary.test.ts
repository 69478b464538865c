// No false alarm against an emulator that reads every open point the other way (`choice:
// 'contrary'`: at every set rule and audited open point the allowed outcome least like the nominal
// one: PE instead of another instrument, IT instead of A, Failure instead of Success, 4xx instead of
// 5xx for its own retriable errors, the error side of every band). 20 seeds on each profile; one
// generated case per property (CI time), the seeds vary the cases.
import { describeNoFalseAlarms } from './support/no-false-alarms.ts';

const seeds = Array.from({ length: 20 }, (_, i) => 201 + i);

describeNoFalseAlarms('self-validation: no false alarm against the contrary emulator (core)', seeds, 'contrary', { runs: 1 });
describeNoFalseAlarms('self-validation: no false alarm against the contrary emulator (sandbox-simulation)', seeds, 'contrary', { profile: 'sandbox-simulation', runs: 1 });
