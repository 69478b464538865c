// No false alarm on the sandbox-simulation profile (R-SBX-*), nominal and random choices, 20 seeds
// each. One generated case per property (CI time); the seeds vary the cases.
import { describeNoFalseAlarms } from './support/no-false-alarms.ts';

const seeds = (from: number): number[] => Array.from({ length: 20 }, (_, i) => from + i);

describeNoFalseAlarms('self-validation: no false alarm, sandbox-simulation profile (nominal choices)', seeds(1), 'nominal', { profile: 'sandbox-simulation', runs: 1 });
describeNoFalseAlarms('self-validation: no false alarm, sandbox-simulation profile (random allowed choices)', seeds(101), 'random', { profile: 'sandbox-simulation', runs: 1 });
