import { ApiError } from '../api-error.js';

const cache = new Map<string, RegExp>();

/** An EC2 filter value as a regex: `*` any run, `?` one character, everything else literal. */
function globToRegExp(glob: string): RegExp {
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

/** A predicate that holds when a string matches any of the (glob) filter values. */
export function matchGlobs(values: string[]): (value: string) => boolean {
  const res = values.map(globToRegExp);
  return (value) => res.some((r) => r.test(value));
}

/** A `tag:KEY` filter: the tag is present and its value matches one of the (glob) values. */
export function matchTagFilter(key: string, values: string[]): (tags: Map<string, string>) => boolean {
  const m = matchGlobs(values);
  return (tags) => {
    const v = tags.get(key);
    return v !== undefined && m(v);
  };
}

/** The error EC2 answers for a filter name the API does not know. */
export function invalidFilter(name: string): ApiError {
  return new ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
}
