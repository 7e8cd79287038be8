import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';

let ajv: Ajv | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

/**
 * The one strict ajv instance for rule and exception files, with a compiled validator per schema.
 * `verbose` keeps the failing schema and data on each error, which the messages need.
 */
export function validatorFor(schema: TSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    ajv ??= new Ajv({ strict: true, allErrors: true, verbose: true });
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}
