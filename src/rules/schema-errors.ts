import type { ErrorObject } from 'ajv';
import { InputError, quote } from '../errors.js';
import { isObj } from './plain-object.js';
import { locate, type PathSegment, pointerToPath, sourceText, type YamlSource } from './yaml-source.js';

/** What the validated document is, so messages can say "in rule" or "in exception". */
export interface ErrorContext {
  /** Top-level list key: "rules" or "exceptions". */
  listKey: string;
  /** What one list item is called in messages. */
  entity: string;
  /** Path of the validated value inside the document (when a sub-object is validated on its own). */
  prefix?: PathSegment[];
}

type SchemaLike = {
  type?: string;
  const?: unknown;
  anyOf?: SchemaLike[];
  properties?: Record<string, unknown>;
  items?: SchemaLike;
  pattern?: string;
};

const PATTERN_HINTS: Record<string, string> = {
  '^[0-9]{12}$': 'a 12-digit AWS account id',
  '^([0-9]{12}|organization)$': 'a 12-digit AWS account id or "organization"',
  '^(o-[a-z0-9]{10,32}|self)$': 'an organization id (o-…) or "self"',
  '^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$': 'an OU id (ou-xxxx-xxxxxxxx)',
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'kebab-case (lowercase letters and digits joined by single dashes)',
  '^\\d{4}-\\d{2}-\\d{2}': 'an ISO date (YYYY-MM-DD)',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  null: 'null',
  array: 'a list',
  object: 'a map',
};

const PLURALS: Record<string, string> = {
  string: 'strings',
  integer: 'integers',
  number: 'numbers',
  boolean: 'booleans',
  object: 'maps',
};

/** Describes a value the way messages say what was found ("string \"ten\"", "a list"). */
function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `string ${quote(v)}`;
  return `${typeof v} ${String(v)}`;
}

function describeSchema(s: SchemaLike): string {
  if ('const' in s) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(describeSchema).join(' or ');
  if (s.type === 'array') {
    const items = s.items;
    const inner = items?.anyOf
      ? items.anyOf.map((i) => PLURALS[i.type ?? ''] ?? 'values').join('/')
      : (PLURALS[items?.type ?? ''] ?? 'values');
    return `a list of ${inner}`;
  }
  if (s.type === 'object' && s.properties) {
    const keys = Object.keys(s.properties);
    return `a map with key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}`;
  }
  return TYPE_NAMES[s.type ?? ''] ?? 'a valid value';
}

/** Human name of a path, relative to its rule or exception: "check.maxDays", "scope.accounts[0]". */
function pathName(path: PathSegment[], ctx: ErrorContext): string {
  let rel = path;
  if (path[0] === ctx.listKey && typeof path[1] === 'number') {
    rel = path.slice(2);
    if (rel.length === 0) return ctx.entity;
  } else if (path.length === 0) {
    return 'the file';
  }
  let out = '';
  for (const seg of rel) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_:*-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** What a map is called when a key is unknown or missing in it. */
function containerName(path: PathSegment[], data: unknown, ctx: ErrorContext, root: unknown): string {
  if (path.length === 0) return 'the top level';
  const last = path[path.length - 1];
  if (last === 'check' && isObj(data) && typeof data.type === 'string') return `check of type ${data.type}`;
  if (last === 'params' && path[path.length - 2] === 'remediation') {
    const remediation = getAt(root, path.slice(0, -1));
    if (isObj(remediation) && typeof remediation.action === 'string') {
      return `remediation params of ${remediation.action}`;
    }
  }
  return pathName(path, ctx);
}

function getAt(root: unknown, path: PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Drops the noise of union branches: keep the best-matching object branch, or one summary error. */
function collapseUnions(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const u of unions) {
    if (dropped.has(u)) continue;
    const branches = u.schema as SchemaLike[];
    let keep = -1;
    if (isObj(u.data)) {
      let best = 0;
      branches.forEach((b, i) => {
        if (b.type !== 'object' || !b.properties) return;
        const props = b.properties;
        const overlap = Object.keys(u.data as object).filter((k) => k in props).length;
        if (overlap > best) {
          best = overlap;
          keep = i;
        }
      });
    }
    for (const e of errors) {
      if (e === u || !e.schemaPath.startsWith(`${u.schemaPath}/`)) continue;
      if (keep < 0 || !e.schemaPath.startsWith(`${u.schemaPath}/${keep}/`)) dropped.add(e);
    }
    if (keep >= 0) dropped.add(u);
  }
  return errors.filter((e) => !dropped.has(e));
}

/** Converts ajv errors into located, human-readable InputErrors. */
export function schemaErrors(src: YamlSource, errors: ErrorObject[], ctx: ErrorContext): InputError[] {
  const out: InputError[] = [];
  const prefix = ctx.prefix ?? [];
  for (const e of collapseUnions(errors)) {
    const path = [...prefix, ...pointerToPath(e.instancePath)];
    const name = pathName(path, ctx);
    const at = (p: PathSegment[], key = false) => locate(src, p, { key });
    const data = e.data;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const allowed = Object.keys((e.parentSchema as SchemaLike).properties ?? {});
        const where = containerName(path, data, ctx, src.data);
        let msg = `unknown key ${quote(key)} in ${where} (${allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes no keys'})`;
        if (path.length === 0 && key === 'exceptions')
          msg += '; this looks like an exceptions file, pass it with --exceptions';
        out.push(new InputError(msg, at([...path, key], true)));
        break;
      }
      case 'required': {
        const key = String(e.params.missingProperty);
        out.push(
          new InputError(
            `missing required key ${quote(key)} in ${containerName(path, data, ctx, src.data)}`,
            at(path),
          ),
        );
        break;
      }
      case 'type': {
        const expected = String(e.params.type);
        const what =
          path.length === 0 ? `a map with a "${ctx.listKey}" list` : (TYPE_NAMES[expected] ?? expected);
        let msg = `${name} must be ${what}, got ${describeValue(data)}`;
        if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
          const text = sourceText(src, path);
          if (text) msg += ` (quote it: "${text.replace(/"/g, '\\"')}")`;
        }
        out.push(new InputError(msg, at(path)));
        break;
      }
      case 'anyOf': {
        const branches = e.schema as SchemaLike[];
        const allConst = branches.every((b) => 'const' in b);
        const expected = allConst
          ? `one of ${branches.map((b) => String(b.const)).join('|')}`
          : describeSchema({ anyOf: branches });
        const got = allConst && typeof data !== 'object' ? JSON.stringify(data) : describeValue(data);
        out.push(new InputError(`${name} must be ${expected}, got ${got}`, at(path)));
        break;
      }
      case 'const':
        out.push(
          new InputError(
            `${name} must be ${JSON.stringify(e.params.allowedValue)}, got ${describeValue(data)}`,
            at(path),
          ),
        );
        break;
      case 'pattern': {
        const hint = PATTERN_HINTS[String(e.params.pattern)] ?? `a string matching ${e.params.pattern}`;
        out.push(new InputError(`${name} must be ${hint}, got ${quote(String(data))}`, at(path)));
        break;
      }
      case 'minLength':
        out.push(
          new InputError(
            e.params.limit === 1
              ? `${name} must not be empty`
              : `${name} must be at least ${e.params.limit} characters`,
            at(path),
          ),
        );
        break;
      case 'minItems': {
        const n = Number(e.params.limit);
        out.push(new InputError(`${name} must list at least ${n} item${n === 1 ? '' : 's'}`, at(path)));
        break;
      }
      case 'minimum':
      case 'maximum':
        out.push(
          new InputError(
            `${name} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${e.params.limit}, got ${String(data)}`,
            at(path),
          ),
        );
        break;
      default:
        out.push(new InputError(`${name} ${e.message ?? 'is invalid'}`, at(path)));
    }
  }
  return out;
}
