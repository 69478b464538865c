// FPS error-code strings are written only in spec/ (docs/architecture.md, "Contracts"): every other
// product folder names a code through the catalogue (ERROR_CODE, ERRORS, ACCEPTED_CODES), so a code the
// kit asserts, serves or injects always carries the catalogue's citation. This scans for string
// literals equal to an ErrorCode and lists the offenders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../spec/catalogue/errors.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CODES: ReadonlySet<string> = new Set(ERRORS.map((e) => e.code));

/** Every product folder but spec/ (the Layers table of docs/architecture.md), tests aside. */
const SCANNED = ['core', 'transports', 'clients', 'generators', 'suites', 'emulator', 'run', 'reporters', 'bin', 'vitest', 'adapters'];
/** Files under SCANNED excused while their owner cleans them (relative paths); empty: none is excused. */
const NOT_YET_CLEAN: readonly string[] = [];

/**
 * The string literals of a TypeScript source: '...', "..." and `...` without substitutions, with the
 * text of comments, regular expressions and template code skipped. A small lexer, not a parser: the
 * classic TypeScript API is gone in typescript 7 (toolchain-notes.md), and this is all the test needs.
 */
function stringLiterals(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let i = 0;
  const lineAt = (pos: number): number => src.slice(0, pos).split('\n').length;
  const readQuoted = (quote: string): string => {
    let text = '';
    i += 1;
    while (i < src.length && src[i] !== quote) {
      if (src[i] === '\\') {
        text += src[i + 1] ?? '';
        i += 2;
      } else text += src[i++];
    }
    i += 1;
    return text;
  };
  // a template literal: returns its text when it has no ${...}, else lexes the code inside as code
  const readTemplate = (): string | undefined => {
    let text = '';
    let plain = true;
    i += 1;
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\') {
        text += src[i + 1] ?? '';
        i += 2;
      } else if (src[i] === '$' && src[i + 1] === '{') {
        plain = false;
        i += 2;
        lexCode('}');
        i += 1;
      } else text += src[i++];
    }
    i += 1;
    return plain ? text : undefined;
  };
  const lexCode = (until?: string): void => {
    let depth = 0;
    let prev = '';
    while (i < src.length) {
      const c = src[i]!;
      if (until !== undefined && c === until && depth === 0) return;
      if (c === '{') depth += 1;
      if (c === '}') depth -= 1;
      if (c === '/' && src[i + 1] === '/') {
        while (i < src.length && src[i] !== '\n') i += 1;
        continue;
      }
      if (c === '/' && src[i + 1] === '*') {
        const end = src.indexOf('*/', i + 2);
        i = end < 0 ? src.length : end + 2;
        continue;
      }
      if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
        // a regular expression literal: skip it, classes included
        i += 1;
        let inClass = false;
        while (i < src.length && src[i] !== '\n' && (inClass || src[i] !== '/')) {
          if (src[i] === '\\') i += 1;
          else if (src[i] === '[') inClass = true;
          else if (src[i] === ']') inClass = false;
          i += 1;
        }
        i += 1;
        prev = ')';
        continue;
      }
      if (c === "'" || c === '"') {
        const start = i;
        out.push({ text: readQuoted(c), line: lineAt(start) });
        prev = ')';
        continue;
      }
      if (c === '`') {
        const start = i;
        const text = readTemplate();
        if (text !== undefined) out.push({ text, line: lineAt(start) });
        prev = ')';
        continue;
      }
      if (!/\s/.test(c)) prev = /[A-Za-z0-9_$)\]]/.test(c) ? ')' : c;
      i += 1;
    }
  };
  lexCode();
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** "file:line Code" for every literal error code in the scanned files. */
function offenders(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    stringLiterals(readFileSync(file, 'utf8'))
      .filter((l) => CODES.has(l.text))
      .map((l) => `${relative(ROOT, file)}:${l.line} ${l.text}`),
  );
}

describe('no FPS error-code string outside spec/', () => {
  it('the lexer finds string literals and skips comments, regular expressions and template code', () => {
    const src = [
      "const a = 'InvalidParams'; // 'InResponseToComment'",
      '/* "InBlockComment" */ const b = "Two\\"Quoted";',
      'const r = /it\'s [\'"]/g; const t = `plain`;',
      "const u = `x${f('Inner')}y`; const d = a / 2; const e = 'after';",
    ].join('\n');
    expect(stringLiterals(src)).toEqual([
      { text: 'InvalidParams', line: 1 },
      { text: 'Two"Quoted', line: 2 },
      { text: 'plain', line: 3 },
      { text: 'Inner', line: 4 },
      { text: 'after', line: 4 },
    ]);
  });

  it('the scan finds a literal error code, and every code in the catalogue file that spells them', () => {
    expect(stringLiterals("if (d.code === 'SignatureDoesNotMatch') {}").filter((l) => CODES.has(l.text))).toHaveLength(1);
    const found = new Set(offenders([join(ROOT, 'spec/catalogue/errors.ts')]).map((o) => o.split(' ')[1]));
    expect([...CODES].filter((c) => !found.has(c))).toEqual([]);
  });

  it(`${SCANNED.join('/, ')}/ hold no literal error code`, () => {
    const files = SCANNED.flatMap((d) => tsFiles(join(ROOT, d))).filter((f) => !NOT_YET_CLEAN.includes(relative(ROOT, f)));
    expect(files.length).toBeGreaterThan(20);
    expect(offenders(files)).toEqual([]);
  });
});
