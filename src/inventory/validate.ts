import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  AccountRegionRecord,
  HeaderRecord,
  ImageRecord,
  INVENTORY_SCHEMA_VERSION,
  type InventoryRecord,
  SegmentRecord,
  SnapshotRecord,
  UsageRecord,
} from './schema.js';

const RECORD_SCHEMAS: Record<InventoryRecord['kind'], TSchema> = {
  header: HeaderRecord,
  segment: SegmentRecord,
  image: ImageRecord,
  usage: UsageRecord,
  snapshot: SnapshotRecord,
  'account-region': AccountRegionRecord,
};

/** The record kinds an inventory may contain. */
export const RECORD_KINDS = Object.keys(RECORD_SCHEMAS) as InventoryRecord['kind'][];

type Json = unknown;

/**
 * Rewrites TypeBox output into an equivalent schema that ajv validates faster and explains better:
 * a union of string literals becomes an `enum` (one error, "must be one of …", instead of one per branch),
 * and `Record<string, T>` (`patternProperties: {"^(.*)$": T}`) becomes `additionalProperties: T`, which
 * also covers keys with line breaks that `.` would not match.
 */
function simplify(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(simplify);
  if (schema === null || typeof schema !== 'object') return schema;
  const src = schema as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(src)) out[key] = simplify(value);
  const anyOf = out.anyOf;
  if (
    Array.isArray(anyOf) &&
    anyOf.length > 0 &&
    anyOf.every((b) => b !== null && typeof b === 'object' && 'const' in b && typeof b.const === 'string')
  ) {
    delete out.anyOf;
    out.type = 'string';
    out.enum = anyOf.map((b) => (b as { const: string }).const);
  }
  const pattern = out.patternProperties as Record<string, Json> | undefined;
  if (pattern && Object.keys(pattern).length === 1 && pattern['^(.*)$'] !== undefined) {
    out.additionalProperties = pattern['^(.*)$'];
    delete out.patternProperties;
  }
  return out;
}

// One ajv instance, one compiled validator per kind: dispatching on `kind` first keeps errors about the
// record the user meant to write (a union validator would report every branch).
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const VALIDATORS = new Map<string, ValidateFunction>(
  RECORD_KINDS.map((kind) => [kind, ajv.compile(simplify(RECORD_SCHEMAS[kind]) as object)]),
);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_SHOWN = 80;

/** Quotes an untrusted string for an error message, bounded so a hostile line cannot flood the terminal. */
export function quote(value: string): string {
  const s = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(s);
}

/** Turns an ajv instancePath ("/blockDevices/0/encrypted") into "image.blockDevices[0].encrypted". */
function dottedPath(kind: string, instancePath: string): string {
  let out = kind;
  if (!instancePath) return out;
  for (const raw of instancePath.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += `.${part}`;
    else out += `[${quote(part)}]`;
  }
  return out;
}

/** One line that says what is wrong with a record, from the first ajv error. */
function describe(kind: string, error: ErrorObject): string {
  const at = dottedPath(kind, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}.${String(params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${at} has unknown property ${quote(String(params.additionalProperty))}`;
    case 'enum':
      return `${at} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return `${at} must match ${String(params.pattern)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Validates one parsed inventory line. Returns null when it is a valid record, else a one-line message
 * such as `image.imageId must match ^ami-[0-9a-zA-Z]+$`.
 */
export function checkRecord(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `a record must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`;
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind === undefined) return `record has no "kind" (expected one of ${RECORD_KINDS.join(', ')})`;
  const validate = typeof kind === 'string' ? VALIDATORS.get(kind) : undefined;
  if (!validate) {
    return `unknown record kind ${typeof kind === 'string' ? quote(kind) : JSON.stringify(kind)} (expected one of ${RECORD_KINDS.join(', ')})`;
  }
  if (kind === 'header') {
    const version = (value as { schemaVersion?: unknown }).schemaVersion;
    if (version !== undefined && version !== INVENTORY_SCHEMA_VERSION) {
      const shown =
        typeof version === 'string' ? quote(version) : String(JSON.stringify(version)).slice(0, MAX_SHOWN);
      return `unsupported inventory schemaVersion ${shown} (this amiaudit reads "${INVENTORY_SCHEMA_VERSION}")`;
    }
  }
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  return error ? describe(kind as string, error) : `${String(kind)} is invalid`;
}
