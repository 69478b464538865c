// Every sample answer of seed 004 (fixtures/samples, repairs listed in its README) decodes to the values
// the seed prints and validates against its action's schema; broken documents come back `malformed`
// with the rule they break.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, type ActionName } from '../types.ts';
import { decodeAnswer, encodeError, encodeResult, namespaceFor } from './codec.ts';
import { MAX_ANSWER_CHARS, MAX_TAGS } from './xml.ts';
import { validateError, validateResult } from '../schemas/index.ts';

const sample = (name: string) => readFileSync(new URL(`../../fixtures/samples/${name}.xml`, import.meta.url), 'utf8');

/** What each sample says, as the seed prints it. */
const EXPECTED: Readonly<Record<ActionName, { fields: Record<string, string>; requestId: string }>> = {
  Cancel: { fields: { TransactionId: '14GKI1SKSR1V6DO1RCCB32RBR6KLODMGQUD', TransactionStatus: 'Cancelled' }, requestId: '6fe4b755-a328-419d-8967-e1d3b43779fc:0' },
  CancelToken: { fields: {}, requestId: 'a10e0ad6-148f-4afe-8bcd-e80a2680793d:0' },
  GetRecipientVerificationStatus: { fields: { RecipientVerificationStatus: 'VerificationComplete' }, requestId: '197e2085-1ed7-47a2-93d8-d76b452acc74:0' },
  GetTokenByCaller: {
    fields: {
      'Token.TokenId': '543IJMECGZZ3J4K1F7BJ3TMNXFBQU9VXNT7RRCTNAJDJ8X36L1ZRKSUUPPIBTTIK', 'Token.FriendlyName': 'Friendly1339359778',
      'Token.TokenStatus': 'Active', 'Token.DateInstalled': '2009-10-07T04:29:05.054-07:00', 'Token.CallerReference': 'callerReferenceSingleUse10',
      'Token.TokenType': 'SingleUse', 'Token.OldTokenId': '543IJMECGZZ3J4K1F7BJ3TMNXFBQU9VXNT7RRCTNAJDJ8X36L1ZRKSUUPPIBTTIK', 'Token.PaymentReason': 'PaymentReason',
    },
    requestId: '45b6c560-8aa9-463c-84be-80eeefb21034:0',
  },
  GetTransactionStatus: {
    fields: {
      TransactionId: '14GKE3B85HCMF1BTSH5C4PD2IHZL95RJ2LM', TransactionStatus: 'Success', CallerReference: 'CallerReference07', StatusCode: 'Success',
      StatusMessage: 'The transaction was successful and the payment instrument was\ncharged.',
    },
    requestId: '13279842-6f84-41ef-ae36-c1ededaf278d:0',
  },
  Pay: { fields: { TransactionId: '14GK6BGKA7U6OU6SUTNLBI5SBBV9PGDJ6UL', TransactionStatus: 'Pending' }, requestId: 'c21e7735-9c08-4cd8-99bf-535a848c79b4:0' },
  Refund: { fields: { TransactionId: '14GK6F2QU755ODS27SGHEURLKPG72Z54KMF', TransactionStatus: 'Pending' }, requestId: '1a146b9a-b37b-4f5f-bda6-012a5b9e45c3:0' },
  Reserve: { fields: { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Pending' }, requestId: 'd13273fc-fca8-4963-8fbc-66d03e66055f:0' },
  Settle: { fields: { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Pending' }, requestId: '9ed2008b-b230-4ed0-9210-095f77fc2359:0' },
  VerifySignature: { fields: { VerificationStatus: 'Success' }, requestId: '197e2085-1ed7-47a2-93d8-d76b452acc74:0' },
};

describe('seed sample answers', () => {
  for (const action of ACTIONS) {
    it(`${action}: decodes to the seed's values and validates`, () => {
      const decoded = decodeAnswer(sample(action));
      expect(decoded).toMatchObject({ kind: 'result', action, version: '2008-09-17', requestId: EXPECTED[action].requestId });
      if (decoded.kind !== 'result') return;
      expect(decoded.fields).toEqual(EXPECTED[action].fields);
      expect(validateResult(action, decoded)).toEqual({ ok: true });
      expect(validateResult(action, decoded.result)).toEqual({ ok: true });
    });
  }

  it('the REST Errors example decodes to its code, message and RequestID, and validates', () => {
    const decoded = decodeAnswer(sample('error-rest'));
    expect(decoded).toEqual({ kind: 'error', code: 'InvalidTokenId_Sender', message: 'Sender token is not valid.', requestId: '67679d8a-fd87-4e44-b063-32a69bfc3c8b' });
    expect(validateError(decoded)).toEqual({ ok: true });
  });

  it('the unrepaired extraction is caught: a split closing tag and the 2008-0917 namespace', () => {
    const split = sample('Pay').replace('</TransactionId>', '</\nTransactionId>');
    expect(decodeAnswer(split).kind).toBe('malformed');
    const ns = decodeAnswer(sample('Reserve').replace('2008-09-17', '2008-0917'));
    expect(ns.kind).toBe('malformed');
    if (ns.kind === 'malformed') expect(ns.problems.join(' ')).toMatch(/R-WIRE-3.*2008-0917/);
  });
});

describe('malformed answers name the rule they break', () => {
  const pay = (result: string, root = 'PayResponse', ns = namespaceFor('2010-08-28')) =>
    `<${root} xmlns="${ns}">${result}<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${root}>`;
  const problemsOf = (xml: string): string => {
    const d = decodeAnswer(xml);
    expect(d.kind).toBe('malformed');
    return d.kind === 'malformed' ? d.problems.join(' | ') : '';
  };

  it('a missing Result, a missing RequestId, an unknown namespace', () => {
    expect(problemsOf(pay(''))).toMatch(/R-WIRE-3: .*exactly one <PayResult>, found 0/);
    expect(problemsOf(`<PayResponse xmlns="${namespaceFor('2008-09-17')}"><PayResult/></PayResponse>`)).toMatch(/R-WIRE-3: .*<ResponseMetadata>/);
    expect(problemsOf(`<PayResponse xmlns="${namespaceFor('2008-09-17')}"><PayResult/><ResponseMetadata/></PayResponse>`)).toMatch(/R-WIRE-3: .*<RequestId>/);
    expect(problemsOf(pay('<PayResult/>', 'PayResponse', 'http://fps.amazonaws.com/doc/2007-01-08/'))).toMatch(/R-WIRE-3: .*namespace/);
    expect(problemsOf(`<PayResponse><PayResult/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PayResponse>`)).toMatch(/R-WIRE-3: .*no xmlns/);
  });

  it('a CancelToken answer must not carry a Result; GetRecipientVerificationStatus may use either name (R-WIRE-3 set)', () => {
    expect(problemsOf(pay('<CancelTokenResult/>', 'CancelTokenResponse'))).toMatch(/R-WIRE-3: CancelToken answers no <CancelTokenResult>/);
    const long = pay('<GetRecipientVerificationStatusResult><RecipientVerificationStatus>VerificationPending</RecipientVerificationStatus></GetRecipientVerificationStatusResult>', 'GetRecipientVerificationStatusResponse');
    expect(decodeAnswer(long)).toMatchObject({ kind: 'result', action: 'GetRecipientVerificationStatus', fields: { RecipientVerificationStatus: 'VerificationPending' } });
  });

  it('an unknown root, garbage, an empty body, a DTD, an oversized body', () => {
    expect(problemsOf(pay('<FooResult/>', 'FooResponse'))).toMatch(/R-WIRE-3: root element <FooResponse>/);
    expect(problemsOf('<html><body>502 Bad Gateway</body></html>')).toMatch(/root element <html>/);
    expect(problemsOf('{"error":"nope"}')).toMatch(/not well-formed XML/);
    expect(problemsOf('')).toMatch(/empty/);
    expect(problemsOf('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><Response>&b;</Response>')).toMatch(/DTD/);
    expect(problemsOf(`<Response>${'x'.repeat(MAX_ANSWER_CHARS)}</Response>`)).toMatch(/over the/);
    expect(problemsOf(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`)).toMatch(/deeper/);
    expect(problemsOf(`<Response>${'<a/>'.repeat(MAX_TAGS)}</Response>`)).toMatch(/more than 10000 tags/);
  });

  it('an error document with two Errors, none, or no RequestID (R-WIRE-4)', () => {
    const err = '<Error><Code>InvalidParams</Code><Message>m</Message></Error>';
    expect(problemsOf(`<Response><Errors>${err}${err}</Errors><RequestID>r</RequestID></Response>`)).toMatch(/R-WIRE-4: <Errors> must hold exactly one <Error>, found 2/);
    expect(problemsOf('<Response><Errors/><RequestID>r</RequestID></Response>')).toMatch(/found 0/);
    expect(problemsOf(`<Response><Errors>${err}</Errors></Response>`)).toMatch(/R-WIRE-4: .*<RequestID>/);
    expect(problemsOf('<Response><Errors><Error><Code></Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>')).toMatch(/non-empty <Code>/);
  });

  it('never throws, whatever it is fed', () => {
    for (const junk of ['<', '<a', '</a>', '<a></b>', '&amp;', '<a>&#xFFFFFFFF;</a>', '<?xml?>', '\u0000', 'x'.repeat(10), undefined as unknown as string, 42 as unknown as string]) {
      expect(() => decodeAnswer(junk)).not.toThrow();
      expect(decodeAnswer(junk).kind).toBe('malformed');
    }
  });

  it('reads a prefixed namespace the same as the default one', () => {
    const ns = namespaceFor('2008-09-17');
    const xml = `<f:PayResponse xmlns:f="${ns}"><f:PayResult><f:TransactionId>T1</f:TransactionId><f:TransactionStatus>Success</f:TransactionStatus></f:PayResult><f:ResponseMetadata><f:RequestId>q</f:RequestId></f:ResponseMetadata></f:PayResponse>`;
    expect(decodeAnswer(xml)).toMatchObject({ kind: 'result', action: 'Pay', version: '2008-09-17', fields: { TransactionId: 'T1', TransactionStatus: 'Success' }, requestId: 'q' });
  });

  it('reads CDATA literally, without decoding entities in it', () => {
    const d = decodeAnswer(pay('<PayResult><TransactionId><![CDATA[a&amp;<b>]]></TransactionId><TransactionStatus>Pending</TransactionStatus></PayResult>'));
    expect(d).toMatchObject({ kind: 'result', fields: { TransactionId: 'a&amp;<b>' } });
  });

  it('decodes character references once (&amp;#60; stays &#60;)', () => {
    const d = decodeAnswer(pay('<PayResult><TransactionId>a&#60;b&#x41;&amp;#60;</TransactionId><TransactionStatus>Pending</TransactionStatus></PayResult>'));
    expect(d).toMatchObject({ kind: 'result', fields: { TransactionId: 'a<bA&#60;' } });
  });
});

describe('encoding', () => {
  it('writes the seed shape: namespace per Version, Result, ResponseMetadata (R-WIRE-3)', () => {
    const xml = encodeResult('Pay', '2010-08-28', { TransactionStatus: 'Pending', TransactionId: 'T-1' }, 'req');
    expect(xml).toContain('<PayResponse xmlns="http://fps.amazonaws.com/doc/2010-08-28/"><PayResult><TransactionId>T-1</TransactionId><TransactionStatus>Pending</TransactionStatus></PayResult>');
    expect(xml).toContain('<ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></PayResponse>');
    expect(encodeResult('CancelToken', '2008-09-17', {}, 'r')).not.toContain('Result');
  });

  it('nests dotted field names ("Token.TokenId") like nested objects', () => {
    const flat = encodeResult('GetTokenByCaller', '2008-09-17', { 'Token.TokenId': 'T', 'Token.TokenStatus': 'Active' }, 'r');
    const nested = encodeResult('GetTokenByCaller', '2008-09-17', { Token: { TokenId: 'T', TokenStatus: 'Active' } }, 'r');
    expect(flat).toBe(nested);
  });

  it('writes the error document of R-WIRE-4 with everything escaped', () => {
    expect(encodeError('InvalidParams', 'a < b & "c"', 'r&1')).toContain('<Response><Errors><Error><Code>InvalidParams</Code><Message>a &lt; b &amp; &quot;c&quot;</Message></Error></Errors><RequestID>r&amp;1</RequestID></Response>');
  });

  it('refuses a name that is not an element name, with a clear message', () => {
    expect(() => encodeResult('Pay', '2008-09-17', { 'a b': '1' }, 'r')).toThrow(/not an element name/);
  });
});
