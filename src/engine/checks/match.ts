import type { ImageRecord } from '../../inventory/schema.js';
import type { MatchCheck, MatchCondition, MatchOp } from '../../rules/schema.js';
import { compileGlobs } from '../glob.js';
import { boundedTest, compileUserRegex } from '../regex.js';
import { type CheckModule, DAY_MS } from './types.js';

type Predicate = (actual: unknown) => boolean;

interface CompiledCondition {
  cond: MatchCondition;
  path: string[];
  wildcard: boolean;
  holds: Predicate;
}

function asString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function compare(actual: unknown, expected: unknown): number | undefined {
  if (actual === undefined || actual === null || expected === undefined) return undefined;
  const a = Number(actual);
  const b = Number(expected);
  if (typeof actual !== 'boolean' && !Number.isNaN(a) && !Number.isNaN(b) && String(actual).trim() !== '') {
    return a - b;
  }
  const sa = String(actual);
  const sb = String(expected);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function compilePredicate(
  op: MatchOp,
  value: MatchCondition['value'],
  nowMs: number,
  key: string,
): Predicate {
  const list = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
  switch (op) {
    case 'eq':
      return (a) => asString(a) === asString(value);
    case 'ne':
      return (a) => asString(a) !== asString(value);
    case 'in': {
      const set = new Set(list);
      return (a) => {
        const s = asString(a);
        return s !== undefined && set.has(s);
      };
    }
    case 'not-in': {
      const set = new Set(list);
      return (a) => {
        const s = asString(a);
        return s === undefined || !set.has(s);
      };
    }
    case 'glob': {
      const m = compileGlobs(list);
      return (a) => {
        const s = asString(a);
        return s !== undefined && m(s);
      };
    }
    case 'regex': {
      const res = list.map((p) => compileUserRegex(p, `when ${key}`));
      return (a) => {
        const s = asString(a);
        return s !== undefined && res.some((re) => boundedTest(re, s));
      };
    }
    case 'exists':
      return (a) => a !== undefined && a !== null;
    case 'absent':
      return (a) => a === undefined || a === null;
    case 'lt':
      return (a) => (compare(a, value) ?? 0) < 0;
    case 'gt':
      return (a) => (compare(a, value) ?? 0) > 0;
    case 'older-than-days':
    case 'newer-than-days': {
      const limit = Number(value) * DAY_MS;
      const older = op === 'older-than-days';
      return (a) => {
        if (typeof a !== 'string') return false;
        const t = Date.parse(a);
        if (Number.isNaN(t)) return false;
        return older ? nowMs - t > limit : nowMs - t < limit;
      };
    }
  }
}

/** Values at `path` under `root`; `*` fans out over array elements (and object values). */
function resolve(root: unknown, path: string[], i: number, out: unknown[]): void {
  if (i === path.length) {
    out.push(root);
    return;
  }
  if (root === undefined || root === null || typeof root !== 'object') {
    out.push(undefined);
    return;
  }
  const seg = path[i];
  if (seg === '*') {
    const items = Array.isArray(root) ? root : Object.values(root);
    for (const item of items) resolve(item, path, i + 1, out);
    return;
  }
  const next = Object.hasOwn(root, seg) ? (root as Record<string, unknown>)[seg] : undefined;
  resolve(next, path, i + 1, out);
}

/** True when `pred` holds for any value at `path` (fanning out at `*`), without collecting the values. */
function anyValue(root: unknown, path: string[], i: number, pred: Predicate): boolean {
  if (i === path.length) return pred(root);
  if (root === undefined || root === null || typeof root !== 'object') return pred(undefined);
  const seg = path[i];
  if (seg === '*') {
    const items = Array.isArray(root) ? root : Object.values(root);
    for (const item of items) if (anyValue(item, path, i + 1, pred)) return true;
    return false;
  }
  return anyValue(
    Object.hasOwn(root, seg) ? (root as Record<string, unknown>)[seg] : undefined,
    path,
    i + 1,
    pred,
  );
}

const present: Predicate = (v) => v !== undefined && v !== null;

function singleValue(img: ImageRecord, path: string[]): unknown {
  let cur: unknown = img;
  for (const seg of path) {
    if (cur === undefined || cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg))
      return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * match: a finding when every condition holds. A path with `*` holds when ANY element satisfies the
 * condition; `absent` over `*` holds when NO element has the key (and `exists` when one does). A missing
 * value satisfies `ne`, `not-in` and `absent` only.
 */
export const matchCheck: CheckModule<MatchCheck> = {
  type: 'match',
  create(check, ctx) {
    const conds: CompiledCondition[] = check.when.map((cond) => {
      const path = cond.key.split('.');
      return {
        cond,
        path,
        wildcard: path.includes('*'),
        holds: compilePredicate(cond.op, cond.value, ctx.nowMs, cond.key),
      };
    });

    const evaluate = (c: CompiledCondition, img: ImageRecord): boolean => {
      if (!c.wildcard) return c.holds(singleValue(img, c.path));
      if (c.cond.op === 'absent') return !anyValue(img, c.path, 0, present);
      return anyValue(img, c.path, 0, c.holds);
    };

    return {
      image(img, sink) {
        for (const c of conds) {
          if (!evaluate(c, img)) {
            sink.pass(img);
            return;
          }
        }
        const matched = conds.map((c) => {
          let actual: unknown;
          if (c.wildcard) {
            const values: unknown[] = [];
            resolve(img, c.path, 0, values);
            actual = values;
          } else actual = singleValue(img, c.path) ?? null;
          return { key: c.cond.key, op: c.cond.op, value: c.cond.value ?? null, actual };
        });
        sink.finding({
          subject: { type: 'ec2:image', image: img },
          status: 'open',
          message: `AMI ${img.imageId} matches ${conds.map((c) => `${c.cond.key} ${c.cond.op}${c.cond.value !== undefined ? ` ${JSON.stringify(c.cond.value)}` : ''}`).join(' and ')}`,
          evidence: { conditions: matched },
        });
      },
    };
  },
};
