const cache = new Map<string, RegExp>();

/** An EC2 filter value as a regex: `*` any run, `?` one character, everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size < 10_000) cache.set(glob, re);
  }
  return re;
}

/** A `tag:KEY` filter: the tag is present and its value matches one of the (glob) values. */
export function matchTagFilter(key: string, values: string[]): (tags: Map<string, string>) => boolean {
  const res = values.map(globToRegExp);
  return (tags) => {
    const v = tags.get(key);
    return v !== undefined && res.some((r) => r.test(v));
  };
}
