/** Normalises an account id given as a number or a string to 12 digits. */
export function accountId(v: string | number): string {
  return String(v).padStart(12, '0');
}

/** Key of an (account, region) index. */
export function arKey(account: string, region: string): string {
  return `${account}/${region}`;
}

/** The map's value for the key, created (and stored) on first use. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** True when the resource is in the account and region of the scope (an absent one matches any). */
export function inScope(
  r: { account: string; region: string },
  scope: { account?: string; region?: string },
): boolean {
  return (
    (scope.account === undefined || r.account === scope.account) &&
    (scope.region === undefined || r.region === scope.region)
  );
}

/** Records listed per (account, region), in insertion order. */
export class ArList<T extends { account: string; region: string }> {
  private readonly byAr = new Map<string, T[]>();

  /** Appends a record to its account-region. */
  add(item: T): void {
    const key = arKey(item.account, item.region);
    const arr = this.byAr.get(key);
    if (arr) arr.push(item);
    else this.byAr.set(key, [item]);
  }

  /** The records of the account-region (the live array when there are any, else a fresh empty one). */
  get(account: string, region: string): T[] {
    return this.byAr.get(arKey(account, region)) ?? [];
  }
}
