import { type Static, Type as T } from '@sinclair/typebox';
import { quote } from '../../errors.js';
import type { ImageRecord } from '../../inventory/schema.js';
import { DAY_MS } from '../../time.js';
import { defineCheck } from '../check.js';
import { compileGlobs } from '../glob.js';
import { boundedTest, compileUserRegex, MAX_REGEX_INPUT, userRegex } from '../regex.js';
import type { Issue } from '../terms.js';

export const MATCH_OPS = [
  'eq',
  'ne',
  'in',
  'not-in',
  'glob',
  'regex',
  'exists',
  'absent',
  'lt',
  'gt',
  'older-than-days',
  'newer-than-days',
] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export const MatchCondition = T.Object(
  {
    key: T.String({
      minLength: 1,
      description:
        'dotted path into the image record; `*` iterates arrays; a key under launchPermissions makes the scan collect launch permissions',
    }),
    op: T.Union(
      MATCH_OPS.map((o) => T.Literal(o)),
      { description: 'how the value at key is tested' },
    ),
    value: T.Optional(
      T.Union([T.String(), T.Number(), T.Boolean(), T.Array(T.Union([T.String(), T.Number()]))], {
        description:
          'what op tests against: a single value, a list, a pattern or a number of days as the op needs; none for exists and absent',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MatchCondition = Static<typeof MatchCondition>;

/** What each op needs in `value`. */
const MATCH_VALUE: Record<MatchOp, 'scalar' | 'list' | 'string' | 'regex' | 'comparable' | 'days' | 'none'> =
  {
    eq: 'scalar',
    ne: 'scalar',
    in: 'list',
    'not-in': 'list',
    glob: 'string',
    regex: 'regex',
    exists: 'none',
    absent: 'none',
    lt: 'comparable',
    gt: 'comparable',
    'older-than-days': 'days',
    'newer-than-days': 'days',
  };

/** Problems of one raw condition that the schema cannot see (the value its op needs, regexes, empty key segments). */
function conditionIssues(cond: unknown, path: (string | number)[], name: string, issue: Issue): void {
  if (!cond || typeof cond !== 'object' || Array.isArray(cond)) return;
  const c = cond as Record<string, unknown>;
  if (typeof c.op !== 'string') return;
  if (typeof c.key === 'string' && c.key.split('.').some((s) => s === '')) {
    issue(`${name}.key ${quote(c.key)} has an empty path segment`, [...path, 'key']);
  }
  const need = MATCH_VALUE[c.op as MatchOp];
  if (!need) return;
  const valuePath = [...path, 'value'];
  const has = 'value' in c && c.value !== undefined;
  const v = c.value;
  const fail = (msg: string, p = valuePath) => issue(`${name}.${msg}`, p);
  if (need === 'none') {
    if (has) fail(`value is not used with op ${c.op}; remove it`);
    return;
  }
  if (!has || v === null) {
    fail(`value is required with op ${c.op}`, path);
    return;
  }
  switch (need) {
    case 'scalar':
      if (Array.isArray(v)) fail(`value must be a single value with op ${c.op} (use in / not-in for lists)`);
      break;
    case 'list':
      if (!Array.isArray(v)) fail(`value must be a list with op ${c.op}`);
      break;
    case 'string':
    case 'regex': {
      // glob and regex take one pattern or a list of patterns (any may match).
      const patterns = Array.isArray(v) ? v : [v];
      if (patterns.length === 0 || patterns.some((p) => typeof p !== 'string')) {
        fail(`value must be a ${c.op} string or a list of them with op ${c.op}`);
        break;
      }
      if (need === 'string') break;
      patterns.forEach((p, j) => {
        const re = compileUserRegex(p as string);
        if (!(re instanceof RegExp)) {
          const at = Array.isArray(v) ? [...valuePath, j] : valuePath;
          const which = Array.isArray(v) ? `${name}.value[${j}]` : `${name}.value`;
          issue(`invalid regex in ${which}: ${re.error}`, at);
        }
      });
      break;
    }
    case 'comparable':
      if (typeof v !== 'number' && typeof v !== 'string')
        fail(`value must be a number or an ISO date with op ${c.op}`);
      break;
    case 'days':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        fail(`value must be a whole number of days (>= 0) with op ${c.op}`);
      }
      break;
  }
}

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
      const res = list.map((p) => userRegex(p, `when ${key}`));
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
export const match = defineCheck({
  type: 'match',
  title: 'Custom conditions on any image field',
  description: `Fails when **every** condition of \`when\` holds. A condition is \`{ key, op, value }\`:

- \`key\` is a dotted path into the inventory's image record, such as \`name\`, \`platform\`, \`public\`, \`creationDate\`, \`tags.Team\`, \`blockDevices.0.volumeSize\` or \`blockDevices.*.encrypted\`. \`*\` iterates over an array: a condition over \`*\` holds when **any** element satisfies it; \`absent\` over \`*\` holds when no element has the key, and \`exists\` when at least one does.
- \`op\` is one of these, with the \`value\` it needs (the loader rejects a condition whose value does not fit its op):
  - \`eq\`, \`ne\`: a single value;
  - \`in\`, \`not-in\`: a list;
  - \`glob\`: a glob, or a list of globs (any may match);
  - \`regex\`: a regex, or a list of regexes (any may match);
  - \`lt\`, \`gt\`: a number or an ISO date;
  - \`older-than-days\`, \`newer-than-days\`: a whole number of days;
  - \`exists\`, \`absent\`: no value.

A missing value satisfies only \`ne\`, \`not-in\` and \`absent\`, so \`platform ne windows\` holds for Linux AMIs, which have no platform. \`eq\`, \`ne\`, \`in\` and \`not-in\` compare values as strings, so \`false\` equals \`"false"\`. \`lt\` and \`gt\` compare numbers, or strings otherwise (ISO dates compare correctly). \`older-than-days\` and \`newer-than-days\` read the image's value as an ISO timestamp.

A key under \`launchPermissions\` (such as \`launchPermissions.*.group\`) makes the scan collect \`launch-permissions\` too. Regexes are tested against the first ${MAX_REGEX_INPUT} characters of a value at most: AWS caps names at 128 characters and tag values at 256, so this changes no legitimate result and bounds the cost of a pathological pattern (see [Regexes](../rule-file.md#regexes)).`,
  example: `- id: ebs-encrypted
  title: Every EBS volume of an AMI is encrypted
  severity: high
  check:
    type: match
    when:
      - { key: blockDevices.*.encrypted, op: eq, value: false }`,
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      when: T.Array(MatchCondition, {
        minItems: 1,
        description: 'the conditions; the check fails when every one holds',
      }),
    },
    { additionalProperties: false },
  ),
  // `launchPermissions.*.group` is a valid match key: collect the share lists when a condition names it.
  collectors: (check) =>
    check.when.some((w) => w.key.startsWith('launchPermissions')) ? ['launch-permissions'] : [],
  remediation: { kinds: ['sharing', 'lifecycle', 'annotation'], irreversible: true },
  validate(params, issue) {
    if (!Array.isArray(params.when)) return;
    params.when.forEach((cond, i) => {
      conditionIssues(cond, ['when', i], `check.when[${i}]`, issue);
    });
  },
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
});
