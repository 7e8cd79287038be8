/** A parsed Query-protocol form body (EC2, Auto Scaling, STS) with typed accessors. */
export class Params {
  private readonly map: Map<string, string>;

  constructor(body: string) {
    this.map = new Map(new URLSearchParams(body));
  }

  /** A scalar parameter. */
  get(name: string): string | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  /** A boolean parameter ("true"/"false"). */
  bool(name: string): boolean | undefined {
    const v = this.map.get(name);
    return v === undefined ? undefined : v === 'true';
  }

  /** An integer parameter; NaN is reported as undefined so callers treat junk as absent. */
  int(name: string): number | undefined {
    const v = this.map.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }

  /** A flattened scalar list: Prefix.1, Prefix.2, … */
  list(prefix: string): string[] {
    const out: string[] = [];
    for (let i = 1; ; i++) {
      const v = this.map.get(`${prefix}.${i}`);
      if (v === undefined) return out;
      out.push(v);
    }
  }

  /** A flattened structure list: Prefix.1.Field, Prefix.2.Field, … → [{Field: …}]. */
  structs(prefix: string): Record<string, string>[] {
    const byIndex = new Map<number, Record<string, string>>();
    const start = `${prefix}.`;
    for (const [k, v] of this.map) {
      if (!k.startsWith(start)) continue;
      const rest = k.slice(start.length);
      const dot = rest.indexOf('.');
      if (dot < 0) continue;
      const i = Number(rest.slice(0, dot));
      if (!Number.isInteger(i)) continue;
      const rec = byIndex.get(i) ?? {};
      byIndex.set(i, rec);
      rec[rest.slice(dot + 1)] = v;
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  }

  /** EC2 filters: Filter.N.Name and Filter.N.Value.M. */
  filters(): { name: string; values: string[] }[] {
    const out: { name: string; values: string[] }[] = [];
    for (let i = 1; ; i++) {
      const name = this.map.get(`Filter.${i}.Name`);
      if (name === undefined) return out;
      out.push({ name, values: this.list(`Filter.${i}.Value`) });
    }
  }
}
