// A scenario fixture over ModelDriver for the model's tests and for suites that want to walk the
// documents' examples: a caller, a buyer, tokens made through the CBUI, signed API requests.
import type { AuthVerdict, Instrument, Millis, ModelInput, Outcome } from '../../spec/model/api.ts';
import { ModelDriver, accountInput, apiInput, cbuiInput, labels } from './model-driver.ts';
import { MINUTE } from '../../spec/model/time.ts';

export const T0: Millis = Date.UTC(2026, 0, 1, 12, 0, 0);

export class Scenario {
  readonly d: ModelDriver;
  t: Millis;
  callerKey = '';
  callerId = '';
  buyerEmail = 'buyer@example.com';
  sellerEmail = 'seller@example.com';
  private refs = 0;
  constructor(profile: 'core' | 'sandbox-simulation' = 'core', start: Millis = T0, buyerInstruments: Instrument[] = ['CC', 'ACH', 'ABT']) {
    this.d = new ModelDriver(start, profile);
    this.t = start;
    const c = this.d.run(accountInput(this.t, 'caller', ['ABT']));
    this.callerKey = c.bound['accessKeyId']!;
    this.callerId = c.bound['accountId']!;
    this.d.run(accountInput(this.t, 'sender', buyerInstruments, this.buyerEmail));
    this.d.run(accountInput(this.t, 'recipient', ['ABT', 'CC'], this.sellerEmail));
  }
  /** a Recipient token the seller installs (marketplace: the caller is not the recipient) */
  recipientToken(params: Record<string, string> = {}, callerReference = `rcp-${++this.refs}`): string {
    const r = this.d.run(this.cbui({ pipelineName: 'Recipient', callerReference, ...params }, {}, this.sellerEmail));
    const id = r.bound['tokenID'];
    if (!id) throw new Error(`no token: ${JSON.stringify(r.answer)}`);
    return id;
  }
  /** advance the scenario's own time (inputs carry it; the model's clock follows) */
  tick(ms: Millis = MINUTE): Millis {
    this.t += ms;
    return this.t;
  }
  newCaller(): string {
    return this.d.run(accountInput(this.t, 'caller', ['ABT'])).bound['accessKeyId']!;
  }
  cbui(params: Record<string, string>, extra: Parameters<typeof cbuiInput>[3] = {}, buyer = this.buyerEmail): ModelInput {
    return cbuiInput(this.t, { callerKey: this.callerKey, returnURL: 'http://127.0.0.1:9/return', ...params }, buyer, extra);
  }
  /** install a token with the nominal chooser; returns its tokenID */
  token(pipeline: string, params: Record<string, string>, instrument: Instrument = 'ABT', callerReference = `tok-${++this.refs}`): string {
    const r = this.d.run(this.cbui({ pipelineName: pipeline, callerReference, ...params }, { instrument }));
    const id = r.bound['tokenID'];
    if (!id) throw new Error(`no token: ${JSON.stringify(r.answer)}`);
    return id;
  }
  api(action: string, params: Record<string, string>, auth: Partial<AuthVerdict> = {}, key = this.callerKey): ModelInput {
    return apiInput(this.t, { accessKeyId: key }, action, params, auth);
  }
  labels(input: ModelInput): string[] {
    return labels(this.d.allowed(input));
  }
  allowed(input: ModelInput): readonly Outcome[] {
    return this.d.allowed(input);
  }
  run(input: ModelInput, choose?: (n: number, what: string) => number): ReturnType<ModelDriver['run']> {
    return this.d.run(input, choose);
  }
  pay(tokenId: string, amount: string, ref: string, extra: Record<string, string> = {}): ModelInput {
    return this.api('Pay', { SenderTokenId: tokenId, 'TransactionAmount.Value': amount, 'TransactionAmount.CurrencyCode': 'USD', CallerReference: ref, ...extra });
  }
  reserve(tokenId: string, amount: string, ref: string, extra: Record<string, string> = {}): ModelInput {
    return this.api('Reserve', { SenderTokenId: tokenId, 'TransactionAmount.Value': amount, 'TransactionAmount.CurrencyCode': 'USD', CallerReference: ref, ...extra });
  }
  process(): ModelInput {
    return { kind: 'process', at: this.t };
  }
}
