// The reference emulator's public entry (run/embedded.ts loads createEmulator from here).
export { createEmulator } from './core.ts';
export type { Emulator, EmulatorOptions, EmulatorInfo } from './core.ts';
export { startServer } from './server.ts';
export type { ServerOptions, RunningServer } from './server.ts';
export { BUGS, BUG_NAMES, bugInfo } from './bugs.ts';
export type { Bug, BugArea } from './bugs.ts';
export type { IpnOptions, DeliveryRecord } from './ipn.ts';
export type { Hooks } from './hooks.ts';
