// One ajv instance for every schema of spec/schemas, made on first use: an instance costs tens of
// milliseconds (meta-schemas), which a CLI start that validates nothing should not pay.
import { Ajv } from 'ajv';

let instance: Ajv | undefined;

export function schemaAjv(): Ajv {
  instance ??= new Ajv({ allErrors: true, strict: true });
  return instance;
}
