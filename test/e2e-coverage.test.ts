// Requirement coverage: a run of every suite against the reference emulator credits each action,
// each Co-Branded pipeline, R-WIRE-9 and R-IPN-4, and some error codes, only where a check judged
// them; a failing check credits nothing it exercised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/core.ts';
import { runConformance } from '../run/service-runner.ts';
import type { RunReport } from '../core/result.ts';
import type { Suite } from '../core/suite.ts';
import { allRequirements } from '../spec/catalogue/index.ts';
import { pipelineId, requiredCodeId, requiredErrorId, stepCredits } from '../suites/service/model-run/credit.ts';
import { tokensSuite } from '../suites/service/tokens.ts';
import { RunSession } from '../suites/service/model-run/session.ts';
import type { Answer, Model, ModelInput, ModelState, Outcome } from '../spec/model/api.ts';
import type { SuiteContext } from '../core/suite.ts';

async function runAgainstEmulator(o: { seed: number; registry?: readonly Suite[]; grep?: string; bugs?: string[]; runs?: number }): Promise<RunReport> {
  const emu = createEmulator({ seed: o.seed, choice: 'nominal', baseUrl: 'http://127.0.0.1:8080/', bugs: o.bugs ?? [], profile: 'core' });
  try {
    const { report } = await runConformance({
      handler: (r) => emu.handle(r),
      ...(o.registry ? { registry: o.registry } : {}),
      seed: o.seed,
      runs: o.runs ?? 1,
      timeLimitMs: 90_000,
      ...(o.grep ? { grep: o.grep } : {}),
    });
    return report;
  } finally {
    await emu.close();
  }
}

describe('a full run against the reference emulator', () => {
  let report: RunReport;
  const statusOf = (id: string) => report.requirements.find((r) => r.id === id)?.status;
  beforeAll(async () => {
    report = await runAgainstEmulator({ seed: 21 });
  }, 120_000);

  it('has no failing check (a credit from a false alarm would mean nothing)', () => {
    const bad = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`);
    expect(bad).toEqual([]);
  });

  it('reports pass for every ACTION-* and PIPELINE-* requirement', () => {
    const ids = allRequirements().map((r) => r.id).filter((id) => /^(ACTION|PIPELINE)-/.test(id));
    expect(ids.length).toBe(15);
    expect(ids.filter((id) => statusOf(id) !== 'pass').map((id) => `${id}: ${statusOf(id)}`)).toEqual([]);
  });

  it('reports pass for the set rulings R-WIRE-9 and R-IPN-4', () => {
    expect(statusOf('R-WIRE-9')).toBe('pass');
    expect(statusOf('R-IPN-4')).toBe('pass');
  });

  it('reports pass for error codes a check required exactly', () => {
    const passed = report.requirements.filter((r) => r.id.startsWith('ERROR-') && r.status === 'pass').map((r) => r.id);
    // each required by one rule: R-TOK-3 (unknown TokenId), R-TOK-6 (SingleUse paid again), R-WIRE-8, R-IDEM-3
    expect(passed).toEqual(expect.arrayContaining(['ERROR-InvalidTokenId', 'ERROR-TokenUsageError', 'ERROR-InvalidParams', 'ERROR-DuplicateRequest']));
    // R-AUTH-2 (firm) names one code for each of these, checked by the signature suite
    expect(passed).toEqual(expect.arrayContaining(['ERROR-SignatureDoesNotMatch', 'ERROR-InvalidClientTokenId']));
    // set rulings (R-AUTH-4: InvalidParams, AuthFailure or RequestExpired) credit none of their codes
    expect(passed).not.toContain('ERROR-RequestExpired');
    expect(passed).not.toContain('ERROR-AuthFailure');
    // a pass is credited by a passing check that lists it
    for (const id of passed) {
      const by = report.checks.filter((c) => c.requirements.includes(id));
      expect(by.some((c) => c.status === 'pass'), id).toBe(true);
    }
  });

  it('sends GetRecipientVerificationStatus as RecipientTokenId about a Co-Branded Recipient token and gets a status', async () => {
    const emu = createEmulator({ seed: 4, choice: 'random', baseUrl: 'http://127.0.0.1:8080/', bugs: [], profile: 'core' });
    const answers: string[] = [];
    try {
      const { report: r } = await runConformance({
        handler: async (req) => {
          const sent = new URL(req.url).searchParams;
          const res = await emu.handle(req);
          if (sent.get('Action') === 'GetRecipientVerificationStatus' && sent.has('RecipientTokenId')) answers.push(await res.clone().text());
          return res;
        },
        registry: [tokensSuite],
        seed: 4,
        runs: 2,
        grep: 'tokens/recipient-verification-status',
      });
      expect(r.checks.find((c) => c.id === 'tokens/recipient-verification-status')?.status).toBe('pass');
    } finally {
      await emu.close();
    }
    expect(answers.length).toBeGreaterThanOrEqual(3);
    expect(answers.some((a) => /<RecipientVerificationStatus>\w+<\/RecipientVerificationStatus>/.test(a))).toBe(true);
  }, 30_000);

  it('credits GetRecipientVerificationStatus to the check that sends it', () => {
    const c = report.checks.find((x) => x.id === 'tokens/recipient-verification-status');
    expect(c?.status).toBe('pass');
    expect(c?.requirements).toEqual(expect.arrayContaining(['ACTION-GetRecipientVerificationStatus', 'PIPELINE-Recipient', 'R-WIRE-9']));
  });
});

describe('a failing check credits nothing it exercised', () => {
  it('a check that reports ids and then fails keeps only its own requirements', async () => {
    const suite: Suite = {
      name: 'fake',
      title: 'fake',
      checks: [
        {
          id: 'fake/fails',
          title: 'reports ids, then fails',
          requirements: ['R-WIRE-4'],
          async run(ctx) {
            ctx.exercised?.(['PIPELINE-SingleUse', 'ERROR-InvalidParams']);
            return { status: 'fail', message: 'R-WIRE-4: broken on purpose' };
          },
        },
        {
          id: 'fake/holds',
          title: 'reports ids, then holds',
          requirements: ['R-WIRE-4'],
          async run(ctx) {
            ctx.exercised?.(['PIPELINE-MultiUse']);
            return { status: 'pass', message: 'holds' };
          },
        },
      ],
    };
    const report = await runAgainstEmulator({ seed: 3, registry: [suite] });
    const [fails, holds] = report.checks;
    expect(fails?.status).toBe('fail');
    expect(fails?.requirements).toEqual(['R-WIRE-4']);
    expect(holds?.requirements).toEqual(['R-WIRE-4', 'PIPELINE-MultiUse']);
    expect(report.requirements.find((r) => r.id === 'PIPELINE-SingleUse')?.status).not.toBe('pass');
  }, 30_000);

  it('a model-based check broken by an injected bug credits no pipeline or error code', async () => {
    const report = await runAgainstEmulator({ seed: 5, registry: [tokensSuite], grep: 'tokens/single-use-and-recurring', bugs: ['tok-single-use-twice'], runs: 4 });
    const c = report.checks.find((x) => x.id === 'tokens/single-use-and-recurring');
    expect(c?.status).toBe('fail');
    expect(c?.requirements.filter((id) => /^(PIPELINE|ERROR|ACTION)-/.test(id))).toEqual([]);
  }, 60_000);

  it('the same check without the bug credits the pipelines it judged and the code it required', async () => {
    const report = await runAgainstEmulator({ seed: 5, registry: [tokensSuite], grep: 'tokens/single-use-and-recurring', runs: 4 });
    const c = report.checks.find((x) => x.id === 'tokens/single-use-and-recurring');
    expect(c?.status).toBe('pass');
    expect(c?.requirements).toEqual(expect.arrayContaining(['PIPELINE-SingleUse', 'PIPELINE-Recurring', 'ERROR-TokenUsageError', 'ACTION-Pay']));
  }, 60_000);
});

describe('which ids a judged step exercised', () => {
  const err = (code: string): Answer => ({ kind: 'error', code: code as never });
  const ok: Answer = { kind: 'result', action: 'Pay', fields: {} };
  const api = { kind: 'api', at: 0, version: '2010-08-28', action: 'Pay', params: {}, auth: { accessKeyId: 'k', signatureVersion: '2', signatureMethod: 'HmacSHA256', signature: 'valid', timestamp: undefined } } as const;

  it('an error code counts only when every allowed answer was that code', () => {
    expect(requiredErrorId([err('TokenUsageError'), err('TokenUsageError')])).toBe('ERROR-TokenUsageError');
    expect(requiredErrorId([err('InvalidParams'), err('InvalidTokenId')])).toBeUndefined();
    expect(requiredErrorId([err('InvalidParams'), ok])).toBeUndefined();
    expect(requiredErrorId([{ kind: 'error', code: '*' }])).toBeUndefined();
    expect(stepCredits(api, [err('InvalidParams')], err('InvalidParams'))).toEqual(['ERROR-InvalidParams']);
    expect(stepCredits(api, [err('InvalidParams'), ok], err('InvalidParams'))).toEqual([]);
  });

  it('a stateless check credits a code only when the ruling accepts that one code', () => {
    expect(requiredCodeId(['SignatureDoesNotMatch'])).toBe('ERROR-SignatureDoesNotMatch');
    expect(requiredCodeId(['InvalidParams', 'AuthFailure'])).toBeUndefined();
  });

  it('a Co-Branded request credits the pipeline it named, in any case of the name', () => {
    const cbui = (params: Record<string, string>) => ({ kind: 'cbui', at: 0, params, signature: 'valid', decision: 'approve' }) as const;
    expect(pipelineId(cbui({ pipelineName: 'Recurring' }))).toBe('PIPELINE-Recurring');
    expect(pipelineId(cbui({ PIPELINENAME: 'EditToken' }))).toBe('PIPELINE-EditToken');
    expect(pipelineId(cbui({ pipelineName: 'Bogus' }))).toBeUndefined();
    expect(pipelineId(cbui({}))).toBeUndefined();
    expect(stepCredits(cbui({ pipelineName: 'SingleUse' }), [ok], ok)).toEqual(['PIPELINE-SingleUse']);
  });
});

describe('answers to requests in flight together', () => {
  // X requires TokenUsageError once Y ran, and allows a result besides before; Y always succeeds
  const outcome = (answer: Answer, state: ModelState, seen: string): Outcome => ({ answer, rules: [], why: 'test', next: () => ({ ...state, seen: [...(state.seen as string[]), seen] }) });
  const model = (xAlwaysRequired: boolean): Model => ({
    initial: (now) => ({ now, seen: [] }),
    step: (state, input: ModelInput) => {
      if (input.kind !== 'api') return [outcome({ kind: 'recorded' }, state, '')];
      if (input.action === 'Y') return [outcome({ kind: 'result', action: 'Y', fields: {} }, state, 'Y')];
      const err = outcome({ kind: 'error', code: 'TokenUsageError' }, state, 'X');
      return xAlwaysRequired || (state.seen as string[]).includes('Y') ? [err] : [err, outcome({ kind: 'result', action: 'X', fields: {} }, state, 'X')];
    },
    unknown: (state) => state,
    stepConcrete: () => {
      throw new Error('unused');
    },
    owedIpns: () => [],
  });
  const api = (action: string): ModelInput => ({ kind: 'api', at: 0, version: '2010-08-28', action, params: {}, auth: { accessKeyId: 'k', signatureVersion: '2', signatureMethod: 'HmacSHA256', signature: 'valid', timestamp: undefined } });

  async function credited(xAlwaysRequired: boolean): Promise<string[]> {
    const ids: string[] = [];
    const ctx = { sandbox: { now: async () => 0 }, profile: 'core', transcript: () => [], exercised: (x: readonly string[]) => ids.push(...x) } as unknown as SuiteContext;
    const session = await RunSession.open(ctx, model(xAlwaysRequired), []);
    session.observeConcurrent([
      { label: 'X', input: api('X'), observed: { kind: 'error', code: 'TokenUsageError', message: '' } },
      { label: 'Y', input: api('Y'), observed: { kind: 'result', action: 'Y', version: '2010-08-28', fields: {} } },
    ]);
    return ids;
  }

  it('credit an error code only when every serial order that fits required it', async () => {
    expect(await credited(false)).toEqual([]);
    expect(await credited(true)).toEqual(['ERROR-TokenUsageError']);
  });
});
