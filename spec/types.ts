// Records shared by the catalogue, the model, suites and reporters. Pure data, no I/O.

export const VERSIONS = ['2008-09-17', '2010-08-28'] as const;
export type Version = (typeof VERSIONS)[number];

export const ACTIONS = [
  'Pay',
  'Reserve',
  'Settle',
  'Refund',
  'Cancel',
  'CancelToken',
  'GetTransactionStatus',
  'GetTokenByCaller',
  'GetRecipientVerificationStatus',
  'VerifySignature',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export const PIPELINES = ['SingleUse', 'MultiUse', 'Recurring', 'Recipient', 'EditToken'] as const;
export type PipelineName = (typeof PIPELINES)[number];

/** Where a fact comes from: a seed file (../shared/seeds/) and its section heading, or the rulings ledger. */
export interface Citation {
  /** seed file name, e.g. "004_bb73d6732c95e35f.txt", or "fps-rulings.md" */
  source: string;
  /** the section heading as the document spells it, e.g. "Pay > Request Parameters" */
  section: string;
  /** a short quote of the sentence relied on, where one sentence carries it */
  quote?: string;
}

/** firm: exactly one behaviour conforms; set: any member conforms; seed: read straight from the documents. */
export type RuleKind = 'firm' | 'set' | 'seed';

export type Area =
  | 'wire'
  | 'signature'
  | 'tokens'
  | 'payments'
  | 'refunds'
  | 'idempotency'
  | 'ipn'
  | 'authorization'
  | 'marketplace'
  | 'sandbox'
  | 'cbui'
  | 'client';

/** A requirement the kit can hold a target to: an R- ruling, or a catalogue fact (action, pipeline, error). */
export interface Requirement {
  /** "R-IDEM-2", or catalogue ids such as "ACTION-Pay", "PIPELINE-SingleUse", "ERROR-InvalidParams" */
  id: string;
  kind: RuleKind;
  area: Area;
  title: string;
  text: string;
  cites: Citation[];
  appliesTo: 'service' | 'client' | 'both';
}
