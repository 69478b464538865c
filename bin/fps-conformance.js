#!/usr/bin/env node
// Runs the TypeScript CLI through tsx from any directory (see shared toolchain notes).
import { register } from 'tsx/esm/api';
register();
await import('./cli.ts');
