import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, type SourceLocation } from '../errors.js';
import { Report } from './model.js';

let validator: ValidateFunction<Report> | undefined;

function compiled(): ValidateFunction<Report> {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile<Report>(Report);
  return validator;
}

// Locating a JSON pointer needs a positional parse; do it only on the error path and only for files
// small enough that a second, slower parse is cheap.
const LOCATE_LIMIT = 64 * 1024 * 1024;

function locatePointer(text: string, file: string, pointer: string): SourceLocation {
  if (text.length > LOCATE_LIMIT) return { file };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // Walk up the path until a node exists (a missing property is reported at its parent object).
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = lineCounter.linePos(range[0]);
      return { file, line: pos.line, column: pos.col };
    }
  }
  return { file };
}

function describe(err: ErrorObject, all: ErrorObject[]): string {
  const where = err.instancePath || '(root)';
  // A union of literals fails every branch with `const`; name the allowed values instead.
  const consts = all.filter((e) => e.instancePath === err.instancePath && e.keyword === 'const');
  if (err.keyword === 'const' && consts.length > 0) {
    const allowed = consts.map((e) => JSON.stringify((e.params as { allowedValue: unknown }).allowedValue));
    return `${where}: must be ${allowed.length > 1 ? 'one of ' : ''}${allowed.join(', ')}`;
  }
  if (err.keyword === 'additionalProperties') {
    return `${where}: unknown property "${(err.params as { additionalProperty: string }).additionalProperty}"`;
  }
  return `${where}: ${err.message ?? 'is invalid'}`;
}

function parseJsonLocated(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(msg);
    if (lc)
      throw new InputError(`invalid JSON: ${msg}`, { file, line: Number(lc[1]), column: Number(lc[2]) });
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const column = Number(pos[1]) - before.lastIndexOf('\n');
      throw new InputError(`invalid JSON: ${msg}`, { file, line, column });
    }
    throw new InputError(`invalid JSON: ${msg}`, { file, line: 1 });
  }
}

/** Parses and validates the text of a findings.json; throws an InputError with FILE:LINE:COL otherwise. */
export function parseReport(text: string, file: string): Report {
  const value = parseJsonLocated(text, file);
  const validate = compiled();
  if (validate(value)) return value;
  const err = validate.errors![0]!;
  const pointer =
    err.keyword === 'additionalProperties'
      ? `${err.instancePath}/${(err.params as { additionalProperty: string }).additionalProperty}`
      : err.instancePath;
  throw new InputError(
    `not a findings.json: ${describe(err, validate.errors!)}`,
    locatePointer(text, file, pointer),
  );
}
