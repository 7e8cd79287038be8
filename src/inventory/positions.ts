/**
 * Id → position tables that the merger builds anyway while de-duplicating records, handed on so that
 * evaluation does not hash a million ids a second time.
 *
 * They are attached to the record array they index (not to the Inventory object), in a WeakMap: an
 * inventory rebuilt with a filtered or copied array simply has no table, and the consumer builds its own.
 * A length check catches an array that grew or shrank in place.
 */
interface Positions {
  length: number;
  byId: ReadonlyMap<string, number>;
}

const tables = new WeakMap<readonly unknown[], Positions>();

/** Records that `list[byId.get(id)]` is the only record of `list` with that id (ids unique in `list`). */
export function rememberPositions(list: readonly unknown[], byId: ReadonlyMap<string, number>): void {
  tables.set(list, { length: list.length, byId });
}

/** The id → position table of `list` when the merger recorded one and the list is unchanged in length. */
export function knownPositions(list: readonly unknown[]): ReadonlyMap<string, number> | undefined {
  const t = tables.get(list);
  return t !== undefined && t.length === list.length ? t.byId : undefined;
}
