import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** The rule, output and gate options of evaluate, scan and demo (rules and help also take some of them). */
export const SHARED_OPTIONS = {
  rules: { type: 'string', multiple: true },
  exceptions: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'fail-on-new': { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
  baseline: { type: 'string' },
  now: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/** Parses argv strictly against the given options; unknown flags are usage errors. */
export function parse<O extends OptionSpec>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Splits a comma/space separated list option. */
export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses --fail-on (default high); `none` never fails on findings. */
export function failOn(value: string | undefined): Severity | 'none' {
  const v = value ?? 'high';
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | 'none';
  throw new UsageError(`--fail-on must be one of ${SEVERITIES.join('|')}|none, got "${v}"`);
}

/** Parses --now as an ISO 8601 instant (default: the current time). */
export function nowOption(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now must be an ISO 8601 time, got "${value}"`);
  return d;
}

/** Parses a positive integer option. */
export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return n;
}
