// The kit judged as a verifier: no false alarm for 20 seeds (this file 11..20, -a 1..10).
import { describeNoFalseAlarms } from './support/no-false-alarms.ts';

describeNoFalseAlarms('self-validation: no false alarm against the reference emulator (nominal choices)', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 'nominal');
