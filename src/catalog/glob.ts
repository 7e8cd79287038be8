/** Escapes every regex metacharacter so a literal string can sit inside a RegExp. */
function escapeRegex(s: string): string {
  return s.replace(/[\\^$.|+()[\]{}*?]/g, '\\$&');
}

/** Compiles a glob (`*` = any run of characters, `?` = one character, everything else literal) to an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let src = '';
  for (const ch of glob) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += escapeRegex(ch);
  }
  return new RegExp(`^${src}$`, 's');
}

/** Compiles a list of globs into one predicate that holds when any glob matches; literal-only lists use a Set. */
export function compileGlobs(globs: readonly string[]): (value: string) => boolean {
  const literals = new Set<string>();
  const patterns: RegExp[] = [];
  for (const g of globs) {
    if (g.includes('*') || g.includes('?')) patterns.push(globToRegExp(g));
    else literals.add(g);
  }
  if (patterns.length === 0) return (v) => literals.has(v);
  return (v) => {
    if (literals.has(v)) return true;
    for (const re of patterns) if (re.test(v)) return true;
    return false;
  };
}

/** True when `value` matches the glob `pattern`. Compile with compileGlobs for repeated use. */
export function globMatch(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}
