// The kit's own name and version, read once from package.json.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
export const KIT_NAME: string = pkg.name;
export const KIT_VERSION: string = pkg.version;
