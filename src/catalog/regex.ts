import type { Issue } from './terms.js';

/**
 * User-supplied regexes run against cloud strings that an attacker may control. AMI names are at most
 * 128 characters and tag values 256, so bounding the input keeps a pathological pattern's cost bounded
 * without changing any legitimate result.
 */
export const MAX_REGEX_INPUT = 1024;

/**
 * Longest regex source a rule may contain; long patterns are where catastrophic backtracking hides.
 * (The other side is bounded too: the length of the cloud string a regex runs against.)
 */
export const MAX_REGEX_LENGTH = 1000;

/** Compiles a user regex the one way the loader and the checks both use (no flags), or returns why it cannot. */
export function compileUserRegex(source: string): RegExp | { error: string } {
  if (source.length > MAX_REGEX_LENGTH) {
    return { error: `pattern is ${source.length} characters long (max ${MAX_REGEX_LENGTH})` };
  }
  try {
    return new RegExp(source);
  } catch (err) {
    // "Invalid regular expression: /(/: Unterminated group" → "Unterminated group"
    const msg = (err as Error).message;
    return { error: msg.slice(msg.lastIndexOf(': ') + 2) || msg };
  }
}

/** Compiles a user regex the loader already accepted; throws an Error naming `what` when it is invalid. */
export function userRegex(pattern: string, what: string): RegExp {
  const re = compileUserRegex(pattern);
  if (re instanceof RegExp) return re;
  throw new Error(`${what}: invalid regular expression ${JSON.stringify(pattern)}: ${re.error}`);
}

/** Names of the named capture groups of a compiled regex. */
export function namedGroups(re: RegExp): string[] {
  // An empty alternative always matches "", and the match lists every named group (undefined).
  const probe = new RegExp(`(?:${re.source})|`).exec('');
  return Object.keys(probe?.groups ?? {});
}

/** Tests a user regex against at most MAX_REGEX_INPUT characters of `value`. */
export function boundedTest(re: RegExp, value: string): boolean {
  return re.test(value.length > MAX_REGEX_INPUT ? value.slice(0, MAX_REGEX_INPUT) : value);
}

/** Executes a user regex against at most MAX_REGEX_INPUT characters of `value`. */
export function boundedExec(re: RegExp, value: string): RegExpExecArray | null {
  return re.exec(value.length > MAX_REGEX_INPUT ? value.slice(0, MAX_REGEX_INPUT) : value);
}

/** Reports a user regex that does not compile, at its path under `check`. */
export function regexIssue(
  value: unknown,
  path: readonly (string | number)[],
  issue: Issue,
): RegExp | undefined {
  if (typeof value !== 'string') return undefined;
  const re = compileUserRegex(value);
  if (re instanceof RegExp) return re;
  const what = ['check', ...path]
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  issue(`invalid regex in ${what}: ${re.error}`, path);
  return undefined;
}
