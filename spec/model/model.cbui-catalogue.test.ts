// The model's Co-Branded UI inputs come from the catalogue (spec/catalogue/pipelines.ts): it takes what
// a pipeline's table lists, refuses foreign inputs, and leaves unknown and unsettled ones open (R-TOK-1).
import { describe, expect, it } from 'vitest';
import { PIPELINES, type PipelineName } from '../types.ts';
import { CBUI_COMMON_PARAMS, PIPELINE_SPECS, inputStanding, type PipelineParamSpec } from '../catalogue/pipelines.ts';
import { CBUI_REQUIRED_COMMON, docName, requiredInputs, successStatus } from './cbui-params.ts';
import { Scenario, T0 } from '../../test/support/model-scenario.ts';
import { label } from '../../test/support/model-driver.ts';
import { DAY } from './time.ts';

const NOW_S = Math.floor(T0 / 1000);
/** a well-formed value for an input of this catalogue entry */
function sample(q: PipelineParamSpec): string {
  if (q.validValues) return q.validValues[0]!;
  const byType: Record<PipelineParamSpec['type'], string> = {
    String: 'x', URL: 'http://127.0.0.1/x', Amount: '5.00', Boolean: 'True', Date: String(NOW_S + 10 * 86_400),
    Integer: '1', Long: '1', Period: '1 Month', List: 'x',
  };
  return byType[q.type];
}
/** inputs an entry needs beside it to be well formed (a usage limit's value needs its type) */
const COMPANIONS: Record<string, Record<string, string>> = {
  usagelimitvalue1: { usageLimitType1: 'Count', usageLimitValue1: '3' },
  usagelimitvalue2: { usageLimitType2: 'Count', usageLimitValue2: '3' },
  usagelimittype1: { usageLimitType1: 'Count', usageLimitValue1: '3' },
  usagelimittype2: { usageLimitType2: 'Count', usageLimitValue2: '3' },
  validitystart: { validityStart: String(NOW_S + 3_600) },
  amounttype: { amountType: 'Exact', transactionAmount: '5.00' },
};

/** a valid request of each pipeline (R-TOK-1 required inputs), on a scenario with a MultiUse token to edit */
function setup(): { s: Scenario; base: (pl: PipelineName) => Record<string, string> } {
  const s = new Scenario();
  const tokenID = s.token('MultiUse', { globalAmountLimit: '100' });
  let n = 0;
  const bases: Record<PipelineName, Record<string, string>> = {
    SingleUse: { transactionAmount: '1.00' },
    Recurring: { transactionAmount: '5.00', recurringPeriod: '1 Month' },
    MultiUse: { globalAmountLimit: '100.00' },
    Recipient: {},
    EditToken: { tokenID },
  };
  return { s, base: (pl) => ({ pipelineName: pl, callerReference: `cat-${++n}`, ...bases[pl] }) };
}
const served = (l: string) => l !== 'redirect:CE';

describe('Co-Branded inputs read from the catalogue (R-TOK-1)', () => {
  it('requires what R-TOK-1 lists, as the catalogue marks it', () => {
    expect([...CBUI_REQUIRED_COMMON].sort()).toEqual(['callerKey', 'callerReference', 'pipelineName', 'returnURL']);
    expect(requiredInputs('SingleUse')).toEqual(['transactionAmount']);
    expect([...requiredInputs('Recurring')].sort()).toEqual(['recurringPeriod', 'transactionAmount']);
    expect(requiredInputs('MultiUse')).toEqual(['globalAmountLimit']);
    expect(requiredInputs('Recipient')).toEqual([]);
    expect(requiredInputs('EditToken')).toEqual(['tokenID']);
    // R-TOK-2, R-TOK-11: success statuses by the instrument used
    for (const pl of ['SingleUse', 'Recurring', 'MultiUse', 'EditToken'] as const) {
      expect([successStatus(pl, 'ABT'), successStatus(pl, 'ACH'), successStatus(pl, 'CC')], pl).toEqual(['SA', 'SB', 'SC']);
    }
    expect(successStatus('Recipient', 'CC')).toBe('SR');
    expect(successStatus('EditToken')).toBe('SU');
    expect(docName('TOKENID')).toBe('tokenID');
  });

  it('a foreign input (one only another pipeline takes) → CE naming it, for every pipeline', () => {
    const { s, base } = setup();
    let checked = 0;
    for (const pl of PIPELINES) {
      for (const other of PIPELINES) {
        for (const q of PIPELINE_SPECS[other].params) {
          if (inputStanding(pl, q.name) !== 'foreign') continue;
          const outs = s.allowed(s.cbui({ ...base(pl), [q.name]: sample(q) }, { instrument: 'ABT' }));
          expect(outs.map((o) => o.answer.kind === 'redirect' && o.answer.params['status']), `${pl} + ${q.name}`).toEqual(['CE']);
          const a = outs[0]!.answer;
          expect(a.kind === 'redirect' && a.errorInputs, `${pl} + ${q.name}`).toContain(q.name);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('a name no pipeline knows may be ignored or be CE, for every pipeline', () => {
    const { s, base } = setup();
    for (const pl of PIPELINES) {
      expect(inputStanding(pl, 'frobnicate')).toBe('unknown');
      const labels = s.labels(s.cbui({ ...base(pl), frobnicate: '1' }, { instrument: 'ABT' }));
      expect(labels, pl).toContain('redirect:CE');
      expect(labels.some(served), pl).toBe(true);
    }
  });

  it('an input SingleUse may or may not take (unsettled) may be served or be CE; when served its validity may be kept or ignored', () => {
    const { s, base } = setup();
    for (const name of ['currencyCode', 'isRecipientCobranding', 'collectShippingAddress', 'addressName']) {
      expect(inputStanding('SingleUse', name)).toBe('unsettled');
      expect(s.labels(s.cbui({ ...base('SingleUse'), [name]: name === 'addressName' ? 'x' : name === 'currencyCode' ? 'USD' : 'False' }, { instrument: 'ABT' }))).toEqual(['redirect:SA', 'redirect:CE']);
    }
    // a bad value of an unsettled input: a target that ignores the input serves the request
    expect(s.labels(s.cbui({ ...base('SingleUse'), currencyCode: 'EUR' }, { instrument: 'ABT' }))).toEqual(['redirect:SA', 'redirect:CE']);
    expect(s.labels(s.cbui({ ...base('SingleUse'), validityExpiry: 'soon' }, { instrument: 'ABT' }))).toEqual(['redirect:SA', 'redirect:CE']);
    // the same value sent to a pipeline that takes the input is a firm CE
    expect(s.labels(s.cbui({ ...base('Recurring'), currencyCode: 'EUR' }, { instrument: 'ABT' }))).toEqual(['redirect:CE']);
    // validityExpiry in an hour: a target that keeps it refuses a Pay two days later, one that ignores it pays
    // checker side: the served outcome holds both worlds
    const outs = s.allowed(s.cbui({ ...base('SingleUse'), validityExpiry: String(NOW_S + 3_600) }, { instrument: 'ABT' }));
    const sa = outs.find((o) => label(o.answer) === 'redirect:SA')!;
    const tokenId = 'TK-UNSETTLED';
    s.d.state = sa.next({ tokenID: tokenId });
    s.tick(2 * DAY);
    const pay = s.labels(s.pay(tokenId, '1.00', 'pay-late'));
    expect(pay).toContain('error:IncompatibleTokens');
    expect(pay.some((l) => l.startsWith('result:Pay'))).toBe(true);
  });

  it('a conditionally required input missing: CE or served (the seed conditions are not in R-TOK-1)', () => {
    const { s, base } = setup();
    const labels = s.labels(s.cbui({ ...base('MultiUse'), amountType: 'Maximum' }, { instrument: 'ABT' }));
    expect(labels).toEqual(['redirect:SA', 'redirect:CE']);
  });

  it('every catalogue condition names an input of its own pipeline; each missing conditional input allows CE and served', () => {
    const { s, base } = setup();
    const cases: Record<string, Record<string, string>> = {
      transactionAmount: { amountType: 'Exact' },
      recipientTokenList: { isRecipientCobranding: 'True' },
      usageLimitValue1: { usageLimitType1: 'Count' },
      usageLimitValue2: { usageLimitType2: 'Amount' },
    };
    for (const pl of PIPELINES) {
      for (const q of PIPELINE_SPECS[pl].params.filter((x) => x.required === 'conditional')) {
        expect(q.requiredIf, `${pl}.${q.name}`).toBeDefined();
        expect(inputStanding(pl, q.requiredIf!.input), `${pl}.${q.name}`).toBe('own');
        const labels = s.labels(s.cbui({ ...base(pl), ...cases[q.name] }, { instrument: 'ABT' }));
        expect(labels, `${pl} without ${q.name}`).toEqual(['redirect:SA', 'redirect:CE']);
      }
    }
    // the condition does not hold: nothing is missing
    expect(s.labels(s.cbui({ ...base('MultiUse'), isRecipientCobranding: 'False' }, { instrument: 'ABT' }))).toEqual(['redirect:SA']);
  });

  it('valid values come from the catalogue: a value outside them is CE, a listed one is served', () => {
    const { s, base } = setup();
    expect(s.labels(s.cbui({ ...base('Recurring'), cobrandingStyle: 'poster' }, { instrument: 'ABT' }))).toEqual(['redirect:CE']);
    expect(s.labels(s.cbui({ ...base('Recurring'), cobrandingStyle: 'banner' }, { instrument: 'ABT' }))).toEqual(['redirect:SA']);
    expect(s.labels(s.cbui({ ...base('MultiUse'), amountType: 'Most', transactionAmount: '1.00' }, { instrument: 'ABT' }))).toEqual(['redirect:CE']);
    // signing is optional in the Co-Branded service (R-TOK-1 set): a bad signatureVersion may be refused or not
    expect(s.labels(s.cbui({ ...base('MultiUse'), signatureVersion: '1' }, { instrument: 'ABT' }))).toEqual(['redirect:SA', 'redirect:CE']);
  });

  // Any name the model would serve without allowing CE must be one the catalogue lists for that pipeline:
  // the model must not invent inputs (the names below are ones an older model table took for SingleUse).
  it('serves without refusal only inputs the catalogue lists for the pipeline, and serves every one it lists', () => {
    const { s, base } = setup();
    const invented = ['reserve', 'itemTotal', 'shipping', 'handling', 'discount', 'giftWrapping', 'tax', 'recipientToken'];
    const known = [...CBUI_COMMON_PARAMS, ...PIPELINES.flatMap((pl) => PIPELINE_SPECS[pl].params)];
    for (const pl of PIPELINES) {
      const b = base(pl);
      const names = new Set([...invented, ...known.map((q) => q.name)]);
      for (const name of names) {
        if (Object.keys(b).some((k) => k.toLowerCase() === name.toLowerCase()) || name === 'callerKey' || name === 'returnURL') continue;
        const q = known.find((x) => x.name === name);
        const extra = COMPANIONS[name.toLowerCase()] ?? { [name]: q ? sample(q) : '1' };
        const labels = s.labels(s.cbui({ ...b, ...extra }, { instrument: 'ABT' }));
        const standing = inputStanding(pl, name);
        if (!labels.includes('redirect:CE')) expect(['own', 'common'], `${pl} serves ${name} for sure`).toContain(standing);
        if (standing === 'own' || standing === 'common') expect(labels.some(served), `${pl} takes ${name}`).toBe(true);
        if (standing === 'foreign') expect(labels, `${pl} refuses ${name}`).toEqual(['redirect:CE']);
      }
    }
  });
});
