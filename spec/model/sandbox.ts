// Sandbox error simulation (seed 004 "Error Simulation", R-SBX-2): special token ids. The PDF breaks
// each id over two lines; these are the joined values.
import type { ErrorCode } from '../catalogue/errors.ts';

export const SPECIAL_SENDER_TOKENS: Readonly<Record<string, readonly ErrorCode[]>> = {
  // Closed account
  Z1LGRXR4HMDZBSFKXELA32KZASGWD8IHMHZCK4DETR784LDLD1GMFW4P3WT8VTGX: ['InvalidAccountState_Sender', 'AccountClosed'],
  // Email address not verified
  E3FR7BARJV3PB631PMKV74PGKCJLBHI1Q1KMQN7BJ2JJICPDKN3N1CJIKFZ8D7NN: ['UnverifiedEmailAddress_Sender'],
  // Suspended account
  H216UECZ8ZM1G8G4QA3V7RKF8JDFZ9SI3SJAFSGUKBBNDHX1NVM8GUQRZNRNAHER: ['InvalidAccountState_Sender'],
};

/** own entries only (ids as sent may be "constructor") */
export const special = (table: Readonly<Record<string, readonly ErrorCode[]>>, id: string): readonly ErrorCode[] | undefined =>
  Object.hasOwn(table, id) ? table[id] : undefined;

export const SPECIAL_RECIPIENT_TOKENS: Readonly<Record<string, readonly ErrorCode[]>> = {
  P1LL7A1LHK935DBGI5NAYCXOCLVEBHBNIU7PBXBAMRKKNLDEPI8M3MUSLZT2VANZ: ['InvalidAccountState_Recipient', 'AccountClosed'],
  C4LGSEMXN11FTUXZ2X2C7QVFHN5DVBGQJNF17AIQXXXQSX4DRG4KJFCN2KRFUUZI: ['UnverifiedEmailAddress_Recipient'],
  R3VK49XVGCAZTJSXKN7ZSBHPMFGKM5VEEQTXGMVE8CFUZ2G5RLLMAB4J6TQRL6BU: ['InvalidAccountState_Recipient'],
};
