/** A parsed YAML/JSON mapping. */
export type Obj = Record<string, unknown>;

/** True when a parsed value is a mapping (not null, not a list). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
