// Counts the catalogue against the seed: every action, error code, action error list, enumerated type,
// pipeline, pipeline parameter and status code the API reference prints must be in the catalogue.
// Reads ../shared/seeds when present (the shipped kit has no seeds; the catalogue carries the facts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTIONS, PIPELINES, type ActionName, type PipelineName } from '../types.ts';
import { ACTION_SPECS, CBUI_COMMON_PARAMS, CBUI_COMMON_RESPONSE, ENUM_TYPES, ERRORS, PIPELINE_SPECS, inputStanding, pipelineParam } from './index.ts';

const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const refName = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('004_')) : undefined;
const LINES: string[] = refName === undefined ? [] : readFileSync(`${SEEDS}${refName}`, 'utf8').split('\n');

/** 1-based index of the first line equal (trimmed) to `text` at or after `from`. */
function lineOf(text: string, from = 1): number {
  const i = LINES.findIndex((l, idx) => idx + 1 >= from && l.trim() === text);
  if (i < 0) throw new Error(`seed line "${text}" not found after ${from}`);
  return i + 1;
}
const slice = (from: number, to: number): string[] => LINES.slice(from - 1, to - 1);
const ERROR_CODES = new Set<string>(ERRORS.map((e) => e.code));

/** Lines that hold one identifier; a name the PDF split over two adjacent lines is joined when the join is a known code. */
function identifierLines(from: number, to: number, known: ReadonlySet<string>): string[] {
  const found: { n: number; id: string }[] = [];
  slice(from, to).forEach((l, i) => {
    const m = /^\s*([A-Z][A-Za-z]*(?:_[A-Za-z]*)?)\s*$/.exec(l);
    if (m?.[1] !== undefined && /[a-z]/.test(m[1])) found.push({ n: from + i, id: m[1] });
  });
  const out: string[] = [];
  for (let i = 0; i < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1];
    if (b !== undefined && b.n === a.n + 1 && known.has(a.id + b.id)) {
      out.push(a.id + b.id);
      i++;
    } else out.push(a.id);
  }
  return out;
}

/** Where each action's section starts: a line with its name, then "Description". */
function actionHeadings(): Map<string, number> {
  const start = lineOf('Actions');
  const end = lineOf('Common Request Parameters', start);
  const found = new Map<string, number>();
  for (let n = start; n < end; n++) {
    const name = LINES[n - 1]!.trim();
    if (/^[A-Z][A-Za-z]+$/.test(name) && LINES[n]?.trim() === 'Description') found.set(name, n);
  }
  return found;
}

describe.skipIf(refName === undefined)('the catalogue counted against seed 004', () => {
  it('has every action the reference describes, and no other', () => {
    const headings = [...actionHeadings().keys()].sort();
    expect(headings).toHaveLength(10);
    expect(headings).toEqual([...ACTIONS].sort());
    for (const a of headings) expect(ACTION_SPECS[a as ActionName]?.name).toBe(a);
  });

  it('has every code of the error table', () => {
    const from = lineOf('Errors', lineOf('Common Response Elements'));
    const to = lineOf('Data Types', from);
    const seedCodes = identifierLines(from, to, ERROR_CODES).filter((c) => !['Errors', 'Error', 'Description'].includes(c));
    expect(seedCodes.length).toBeGreaterThanOrEqual(55);
    const missing = seedCodes.filter((c) => !ERROR_CODES.has(c));
    expect(missing).toEqual([]);
  });

  it("has each action's error list exactly as the seed prints it", () => {
    const headings = [...actionHeadings().entries()].sort((x, y) => x[1] - y[1]);
    const end = lineOf('Common Request Parameters', headings[0]![1]);
    headings.forEach(([action, start], i) => {
      const next = headings[i + 1]?.[1] ?? end;
      const listAt = LINES.findIndex((l, idx) => idx + 1 >= start && idx + 1 < next && /can return the following (synchronous )?errors/.test(l)) + 1;
      expect(listAt, `${action} has an error list`).toBeGreaterThan(0);
      const stop = LINES.findIndex((l, idx) => idx + 1 > listAt && (idx + 1 >= next || l.trim() === 'Sample Response to REST Request')) + 1;
      const seedList = identifierLines(listAt + 1, stop, ERROR_CODES).filter((c) => !(ACTIONS as readonly string[]).includes(c));
      expect([...ACTION_SPECS[action as ActionName].errors].sort(), action).toEqual([...new Set(seedList)].sort());
    });
  });

  it('has every code of every action error list in the error catalogue', () => {
    for (const a of ACTIONS) for (const code of ACTION_SPECS[a].errors) expect(ERROR_CODES.has(code), `${a}: ${code}`).toBe(true);
  });

  it('has every enumerated data type with the values the seed lists', () => {
    const from = lineOf('Enumerated Data Types', lineOf('Data Types'));
    const to = lineOf('Co-Branded Service API Reference', from);
    const section = slice(from, to);
    const squeezed = section.join('').replace(/\s+/g, '');
    // Each type as the seed heads it, with the values its table lists (MarketplaceRefundPolicy and
    // RecipientVerificationStatus land after "Complex Data Types" in the extraction, as do their tables).
    const seedTypes: Readonly<Record<string, readonly string[]>> = {
      ChargeFeeTo: ['Caller', 'Recipient'],
      CurrencyCode: ['USD'],
      FPSOperation: ['Pay', 'Refund', 'Settle', 'Reserve'],
      'FPSOperation (IPN)': ['PAY', 'REFUND', 'SETTLE', 'RESERVE', 'MULTI_SETTLE', 'REAUTH', 'DEPOSIT_FUNDS', 'WITHDRAW_FUNDS', 'CANCEL_TRANSACTION', 'CANCEL'],
      InstrumentStatus: ['Active', 'All', 'Cancelled'],
      PaymentMethod: ['ABT', 'ACH', 'CC'],
      RelationType: ['MarketplaceFee', 'Parent', 'Refund', 'RefundReversal', 'Reserve', 'Settle'],
      SortOrderByDate: ['Ascending', 'Descending'],
      TokenStatus: ['Active', 'Inactive'],
      TokenType: ['MultiUse', 'Recurring', 'SingleUse', 'Unrestricted'],
      TransactionalRole: ['Caller', 'Recipient', 'Sender'],
      TransactionStatus: ['Cancelled', 'Failure', 'Pending', 'Reserved', 'Success'],
      'TransactionStatus (IPN)': ['CANCELLED', 'FAILURE', 'PENDING', 'RESERVED', 'SUCCESS'],
      MarketplaceRefundPolicy: ['MarketplaceTxnOnly', 'MasterAndMarketplaceTxn', 'MasterTxnOnly'],
      RecipientVerificationStatus: ['VerificationComplete', 'VerificationPending', 'VerificationCompleteNoLimits'],
    };
    const catalogue = new Map(ENUM_TYPES.map((e) => [e.name, e]));
    for (const [name, values] of Object.entries(seedTypes)) {
      const heading = name.replace(' (IPN)', '');
      expect(section.some((l) => l.trim() === heading || l.trim() === name), `seed prints ${name}`).toBe(true);
      for (const v of values) expect(squeezed.includes(v), `${name} value ${v} is in the seed`).toBe(true);
      expect([...(catalogue.get(name)?.values ?? [])].sort(), `catalogue ${name}`).toEqual([...values].sort());
    }
  });

  it('has every pipeline and the common Co-Branded parameters', () => {
    const valid = LINES.findIndex((l) => l.includes('Valid Values: SingleUse | MultiUse | Recurring |'));
    const listed = `${LINES[valid]} ${LINES[valid + 1]}`.replace(/.*Valid Values:/, '').split('|').map((s) => s.trim()).filter(Boolean);
    expect([...listed].sort()).toEqual([...PIPELINES].sort());
    const from = lineOf('Common Parameters');
    const to = lineOf('Co-Branding Styles', from);
    const seedNames = slice(from, to).map((l) => l.trim()).filter((l) => /^[a-z][A-Za-z]+$/.test(l) || ['Signature', 'Version'].includes(l));
    for (const name of seedNames) expect(CBUI_COMMON_PARAMS.some((p) => p.name.toLowerCase() === name.toLowerCase()), name).toBe(true);
    expect(seedNames.length).toBeGreaterThanOrEqual(10);
  });

  // Titles as the seed heads each pipeline's section; SingleUse has none in seed 004.
  const SECTIONS: readonly [PipelineName, string][] = [['Recipient', 'Recipient Token API'], ['Recurring', 'Recurring-Use Token API'], ['MultiUse', 'Multi-Use Token API'], ['EditToken', 'Edit Token API']];
  const PROSE = new Set(['date', 'bytes']); // sentence ends the extraction left alone on a line

  for (const [pipeline, title] of SECTIONS) {
    it(`${pipeline}: every request parameter, response parameter and status code`, () => {
      const start = lineOf(title, lineOf('Co-Branded Service API Reference', lineOf('Common IPN Response Elements')));
      const next = SECTIONS.map(([, t]) => LINES.findIndex((l, i) => i + 1 > start && l.trim() === t) + 1).filter((n) => n > start);
      const end = Math.min(...next, lineOf('Code Samples', start));
      const reqFrom = lineOf('Request Parameters', start);
      const reqTo = LINES.findIndex((l, i) => i + 1 > reqFrom && l.includes('The request also uses the parameters common')) + 1;
      const params = slice(reqFrom, reqTo).map((l) => l.trim()).filter((l) => /^[a-z][A-Za-z0-9]*$/.test(l) && !PROSE.has(l));
      expect(params.length).toBeGreaterThanOrEqual(3);
      for (const p of params) expect(pipelineParam(pipeline, p)?.name.toLowerCase(), `${pipeline} ${p}`).toBe(p.toLowerCase());

      const respFrom = reqTo;
      const respTo = LINES.findIndex((l, i) => i + 1 > respFrom && /Status Codes?$|^Status Code Description$/.test(l.trim())) + 1;
      const resp = slice(respFrom, respTo).map((l) => l.trim()).filter((l) => /^[A-Za-z][A-Za-z0-9]*$/.test(l) && !['Parameter', 'Description', 'Response', 'Parameters', 'Responses'].includes(l));
      const answered = [...PIPELINE_SPECS[pipeline].response, ...CBUI_COMMON_RESPONSE].map((r) => r.name.toLowerCase());
      for (const r of resp) expect(answered, `${pipeline} answers ${r}`).toContain(r.toLowerCase());

      const codes = slice(respTo, end).map((l) => l.trim()).filter((l) => /^[A-Z]{1,2}$/.test(l));
      expect([...new Set(codes)].sort(), `${pipeline} status codes`).toEqual(PIPELINE_SPECS[pipeline].statusCodes.map((s) => s.code).sort());
    });
  }

  it('gives SingleUse the status codes of the other sender pipelines (R-TOK-2)', () => {
    const codes = (p: PipelineName) => PIPELINE_SPECS[p].statusCodes.map((s) => s.code).sort();
    expect(codes('SingleUse')).toEqual(codes('Recurring'));
    expect(codes('SingleUse')).toEqual(codes('MultiUse'));
  });
});

describe('the catalogue holds together', () => {
  it('cites something for every action, parameter, element, pipeline, status and error', () => {
    for (const a of ACTIONS) {
      const s = ACTION_SPECS[a];
      expect(s.cites.length, a).toBeGreaterThan(0);
      for (const p of s.params) expect(p.cites.length, `${a}.${p.name}`).toBeGreaterThan(0);
      for (const e of s.response) expect(e.cites.length, `${a} > ${e.name}`).toBeGreaterThan(0);
    }
    for (const p of PIPELINES) {
      for (const q of PIPELINE_SPECS[p].params) expect(q.cites.length, `${p}.${q.name}`).toBeGreaterThan(0);
      for (const s of PIPELINE_SPECS[p].statusCodes) expect(s.cites.length, `${p} ${s.code}`).toBeGreaterThan(0);
    }
    for (const e of ERRORS) expect(e.cites.length, e.code).toBeGreaterThan(0);
  });

  it('keeps the facts the brief and rulings fix', () => {
    const param = (a: ActionName, n: string) => ACTION_SPECS[a].params.find((p) => p.name === n);
    expect(param('Pay', 'CallerReference')?.required).toBe('yes'); // R-WIRE-8
    expect(param('Reserve', 'CallerReference')?.required).toBe('yes');
    expect(param('Refund', 'CallerReference')?.required).toBe('yes');
    expect(param('Cancel', 'TransactionId')?.maxLength).toBe(35);
    expect(param('CancelToken', 'TokenId')?.maxLength).toBe(65);
    expect(param('Pay', 'ChargeFeeTo')?.validValues).toEqual(['Recipient', 'Caller']);
    expect(param('Pay', 'TransactionTimeoutInMins')?.default).toBe('10080');
    expect(param('Pay', 'RecipientTokenId')?.aliases).toContain('RecipientTokenID');
    expect(param('GetRecipientVerificationStatus', 'RecipientTokenId')?.aliases).toContain('RecipientTokenID');
    expect(ACTION_SPECS.CancelToken.resultElement).toBeNull();
    expect(ACTION_SPECS.CancelToken.response).toEqual([]);
    expect(ACTION_SPECS.Reserve.params.map((p) => p.name)).not.toContain('MarketplaceFixedFee');
    expect(PIPELINE_SPECS.SingleUse.params.filter((p) => p.required === 'yes').map((p) => p.name).sort()).toEqual(['callerReference', 'transactionAmount']);
    expect(PIPELINE_SPECS.Recurring.params.filter((p) => p.required === 'yes').map((p) => p.name).sort()).toEqual(['callerReference', 'recurringPeriod', 'transactionAmount']);
    expect(PIPELINE_SPECS.MultiUse.params.filter((p) => p.required === 'yes').map((p) => p.name).sort()).toEqual(['callerReference', 'globalAmountLimit']);
    expect(PIPELINE_SPECS.EditToken.params.filter((p) => p.required === 'yes').map((p) => p.name).sort()).toEqual(['callerReference', 'tokenID']);
    expect(pipelineParam('MultiUse', 'GLOBALAMOUNTLIMIT')?.name).toBe('globalAmountLimit'); // R-WIRE-2
    expect(pipelineParam('Recipient', 'ReturnUrl')?.name).toBe('returnURL');
    expect(pipelineParam('Recipient', 'recurringPeriod')).toBeUndefined();
  });
});

describe('inputStanding (R-TOK-1 foreign inputs)', () => {
  it('tells own, common, foreign, unsettled and unknown inputs apart, in any case', () => {
    expect(inputStanding('MultiUse', 'GlobalAmountLimit')).toBe('own');
    expect(inputStanding('Recipient', 'RETURNURL')).toBe('common');
    expect(inputStanding('Recipient', 'recurringPeriod')).toBe('foreign');
    expect(inputStanding('SingleUse', 'globalAmountLimit')).toBe('foreign');
    expect(inputStanding('SingleUse', 'currencyCode')).toBe('unsettled');
    expect(inputStanding('Recurring', 'currencyCode')).toBe('own');
    expect(inputStanding('EditToken', 'currencyCode')).toBe('foreign');
    expect(inputStanding('SingleUse', 'frobnicate')).toBe('unknown');
  });
});

describe.skipIf(refName === undefined)('SingleUse, read from the use cases (seeds 000 and 001)', () => {
  it('has every input the use cases send to the SingleUse pipeline', () => {
    for (const prefix of ['000_', '001_']) {
      const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
      const lines = readFileSync(`${SEEDS}${file}`, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.startsWith('pipelineName | SingleUse'));
      expect(at, prefix).toBeGreaterThan(0);
      // the table rows around "pipelineName | SingleUse", up to its header
      let top = at;
      while (top > 0 && !lines[top - 1]!.startsWith('|---')) top--;
      let bottom = at;
      while (bottom + 1 < lines.length && / \| /.test(lines[bottom + 1]!) && !lines[bottom + 1]!.startsWith('|')) bottom++;
      const names = lines.slice(top, bottom + 1).map((l) => l.split(' | ')[0]!.trim());
      // awsSignature is the use cases' older name of the common `signature`.
      for (const n of names.filter((x) => x !== 'awsSignature')) expect(pipelineParam('SingleUse', n)?.name, `${prefix} ${n}`).toBe(n);
      expect(names.length).toBeGreaterThanOrEqual(7);
    }
  });
});
