// The kit judged as a verifier: no false alarm for 20 seeds (this file 1..10, -b 11..20).
import { describeNoFalseAlarms } from './support/no-false-alarms.ts';

describeNoFalseAlarms('self-validation: no false alarm against the reference emulator (nominal choices)', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'nominal');
