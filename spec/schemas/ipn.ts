// An IPN's form fields checked against the catalogue (spec/catalogue/ipn.ts): the fields R-IPN-2 requires
// for the notification's kind, the enumerations, and the table's sizes. Values are strings (form-decoded).
import type { ValidateFunction } from 'ajv';
import { schemaAjv } from './ajv.ts';
import { IPN_FIELDS, requiredIpnFields } from '../catalogue/ipn.ts';
import { NOTIFICATION_TYPE } from '../catalogue/enums.ts';
import type { SchemaProblem, Validation } from './index.ts';
import { citeText } from './build.ts';

/** transactionAmount: "USD 10.00" (Common IPN Response Elements; R-IPN-2). */
const IPN_AMOUNT = '^USD [0-9]+(\\.[0-9]{1,2})?$';

let valueValidator: ValidateFunction | undefined;

function valueSchema(): Record<string, unknown> {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const f of IPN_FIELDS) {
    const s: Record<string, unknown> = { type: 'string' };
    if (f.validValues !== undefined) s['enum'] = [...f.validValues];
    if (f.maxLength !== undefined) s['maxLength'] = f.maxLength;
    if (f.name === 'transactionAmount') s['pattern'] = IPN_AMOUNT;
    properties[f.name] = s;
  }
  return { type: 'object', properties, additionalProperties: { type: 'string' } };
}

const citesOf = (name: string): string => citeText(IPN_FIELDS.find((f) => f.name === name)?.cites ?? [{ source: 'fps-rulings.md', section: 'R-IPN-2' }]);

/** Validates one notification's fields (R-IPN-2). Never throws. */
export function validateIpn(fields: Readonly<Record<string, string>>): Validation {
  try {
    if (fields === null || typeof fields !== 'object') return { ok: false, problems: [{ path: '', message: 'an IPN is a set of form fields (R-IPN-1)' }] };
    const problems: SchemaProblem[] = [];
    const kind = fields['notificationType'];
    if (kind === undefined || !(NOTIFICATION_TYPE as readonly string[]).includes(kind)) {
      problems.push({ path: 'notificationType', message: `must be one of ${NOTIFICATION_TYPE.join(', ')} (${citesOf('notificationType')})` });
    } else {
      const refund = fields['operation'] === 'REFUND';
      for (const name of requiredIpnFields(kind as (typeof NOTIFICATION_TYPE)[number], refund)) {
        if (fields[name] === undefined) problems.push({ path: name, message: `is required in a ${kind}${refund ? ' refund' : ''} notification but absent (${citesOf(name)})` });
      }
    }
    valueValidator ??= schemaAjv().compile(valueSchema());
    if (!valueValidator(fields)) {
      for (const e of valueValidator.errors ?? []) {
        const path = e.instancePath.split('/').filter(Boolean).join('.');
        if (path === 'notificationType') continue; // reported above
        const detail = e.keyword === 'enum' ? `must be one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}` : (e.message ?? 'does not match');
        problems.push({ path, message: `${detail} (${citesOf(path)})` });
      }
    }
    return problems.length === 0 ? { ok: true } : { ok: false, problems };
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `could not be validated: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}
