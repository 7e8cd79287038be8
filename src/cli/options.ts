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

/** Edit distance of two short strings (option names), for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}

/** The known option closest to a mistyped one, when it is close enough to be what was meant. */
export function closestOption(given: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const d = distance(given, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(given.length / 3)) ? best : undefined;
}

/** `--name -1` as `--name=-1`: a negative number after a value option is its value, to be judged by its parser. */
function joinNegativeValues(argv: string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    if (name && options[name]?.type === 'string' && /^-\d/.test(argv[i + 1] ?? '')) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/** Parses argv strictly against the given options; unknown flags are usage errors that name the closest option. */
export function parse<O extends OptionSpec>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals, strict: true });
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
    if (unknown) {
      const guess = closestOption(unknown[2], Object.keys(options));
      const hint = guess ? ` (did you mean --${guess}?)` : '; see --help';
      throw new UsageError(`Unknown option '${unknown[1]}${unknown[2]}'${hint}`);
    }
    const positional = /^Unexpected argument '([^']*)'/.exec(message);
    if (positional)
      throw new UsageError(
        `unexpected argument "${positional[1]}": this command takes options only; see --help`,
      );
    throw new UsageError(message.split('\n')[0]);
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
