import { InputError, InputErrors, quote, type SourceLocation } from '../errors.js';
import { validatorFor } from '../validator.js';
import { sortErrors } from './files.js';
import { isObj } from './plain-object.js';
import { ExceptionsFile, type LoadedException } from './schema.js';
import { schemaErrors } from './schema-errors.js';
import { locate, readYamlSource, type YamlSource } from './yaml-source.js';

const EXCEPTION_CTX = { listKey: 'exceptions', entity: 'exception' } as const;

/** Where each entry of an exception's `rules` list is, for unknown-rule-id errors. */
const ruleIdLocations = new WeakMap<LoadedException, SourceLocation[]>();

/** True when `s` is a real calendar date (YYYY-MM-DD), optionally followed by a valid ISO time. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.+)?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  return m[4] === undefined || !Number.isNaN(Date.parse(s));
}

/** Validates one parsed exceptions file; returns the entries without errors and every error. */
/** A rule id an exception refers to, with its location. */
export interface RuleRef {
  id: string;
  at: SourceLocation;
}

/**
 * Validates one parsed exceptions file; returns the entries without errors, every error, and every rule id
 * referred to (also from entries with errors, so unknown ids are reported in the same run).
 */
export function validateExceptionSource(src: YamlSource): {
  exceptions: LoadedException[];
  errors: InputError[];
  refs: RuleRef[];
} {
  const validate = validatorFor(ExceptionsFile);
  const errors: InputError[] = [];
  if (!validate(src.data)) errors.push(...schemaErrors(src, validate.errors ?? [], EXCEPTION_CTX));
  const list = isObj(src.data) && Array.isArray(src.data.exceptions) ? src.data.exceptions : [];
  const exceptions: LoadedException[] = [];
  const refs: RuleRef[] = [];
  list.forEach((raw: unknown, i: number) => {
    if (!isObj(raw)) return;
    const before = errors.length;
    const base = ['exceptions', i];
    if (
      typeof raw.expires === 'string' &&
      /^\d{4}-\d{2}-\d{2}/.test(raw.expires) &&
      !isRealDate(raw.expires)
    ) {
      errors.push(
        new InputError(
          `expires must be a real date (YYYY-MM-DD), got ${quote(raw.expires)}`,
          locate(src, [...base, 'expires']),
        ),
      );
    }
    const ids = Array.isArray(raw.rules) ? raw.rules : [];
    const at = ids.map((_, j) => locate(src, [...base, 'rules', j]));
    ids.forEach((id, j) => {
      if (typeof id === 'string') refs.push({ id, at: at[j] });
    });
    if (ids.includes('*') && ids.length > 1) {
      errors.push(
        new InputError(
          'rules lists "*" with other ids; "*" alone already covers every rule',
          locate(src, [...base, 'rules']),
        ),
      );
    }
    if (errors.length === before) {
      const { line } = locate(src, base);
      const entry = {
        ...(raw as Omit<LoadedException, 'source'>),
        source: { file: src.file, line: line ?? 1 },
      };
      ruleIdLocations.set(entry, at);
      exceptions.push(entry);
    }
  });
  return { exceptions, errors, refs };
}

/** Loads and validates an exceptions file; throws InputErrors listing every problem with its location. */
export async function loadExceptions(path: string): Promise<LoadedException[]> {
  const read = await readYamlSource(path);
  if (!read.source) throw new InputErrors(read.errors);
  const { exceptions, errors } = validateExceptionSource(read.source);
  if (errors.length > 0) throw new InputErrors(sortErrors(errors, [path]));
  return exceptions;
}

/** Errors (with locations) for exception rule ids that name no loaded rule; empty when all are known. */
export function validateExceptionRuleIds(
  exceptions: LoadedException[],
  ruleIds: Iterable<string>,
): InputError[] {
  const refs = exceptions.flatMap((ex) => {
    const where = ruleIdLocations.get(ex);
    return ex.rules.map((id, j) => ({ id, at: where?.[j] ?? ex.source }));
  });
  return unknownRuleRefs(refs, ruleIds);
}

/** Errors for rule references that name no known rule ("*" is always known). */
export function unknownRuleRefs(refs: RuleRef[], ruleIds: Iterable<string>): InputError[] {
  const known = new Set(ruleIds);
  return refs
    .filter((r) => r.id !== '*' && !known.has(r.id))
    .map((r) => {
      const guess = closest(r.id, known);
      const hint = guess ? ` (did you mean ${quote(guess)}?)` : '';
      return new InputError(`unknown rule id ${quote(r.id)} in exception${hint}`, r.at);
    });
}

/** The known id nearest to `id` by edit distance, when it is plausibly a typo. */
function closest(id: string, known: Set<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 4)) + 1;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
