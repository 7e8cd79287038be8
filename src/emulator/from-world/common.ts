/** When a world resource that omits its creation time was made. */
export const DEFAULT_CREATED = '2025-01-01T00:00:00.000Z';

/** World tags (scalars) as the string map AWS answers with. */
export function tagMap(tags: Record<string, string | number | boolean> | undefined): Map<string, string> {
  return new Map(Object.entries(tags ?? {}).map(([k, v]) => [k, String(v)]));
}
