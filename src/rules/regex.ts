/**
 * Longest regex source a rule may contain; long patterns are where catastrophic backtracking hides.
 * (The engine bounds the other side: the length of the cloud string a regex runs against.)
 */
export const MAX_REGEX_LENGTH = 1000;

/** Compiles a user regex the one way loader and engine both use (no flags), or returns why it cannot. */
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

/** Names of the named capture groups of a compiled regex. */
export function namedGroups(re: RegExp): string[] {
  // An empty alternative always matches "", and the match lists every named group (undefined).
  const probe = new RegExp(`(?:${re.source})|`).exec('');
  return Object.keys(probe?.groups ?? {});
}
