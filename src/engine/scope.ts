import type { Subject } from '../catalog/check.js';
import { compileGlobs } from '../catalog/glob.js';
import type { InventoryIndex } from '../inventory/inventory-index.js';
import type { ExceptionMatch, Selector } from '../rules/schema.js';

/**
 * How a selector treats keys that an account-region resource does not have (names, tags, imageIds):
 * `ignore` for a rule's scope (a rule scoped to `names: [golden-*]` still audits the account-regions),
 * `fail` for `exclude` and exceptions (a tag-based exclusion must not silently exclude every account-region).
 */
export type MissingKeyMode = 'ignore' | 'fail';

/** A selector compiled once: every key given must match (AND). */
export type SubjectMatcher = (subject: Subject) => boolean;

function tagMatcher(tags: NonNullable<Selector['tags']>): (t: Record<string, string> | undefined) => boolean {
  const reqs = Object.entries(tags).map(([key, v]) => {
    const values = Array.isArray(v) ? v : [v];
    return { key, any: values.includes('*'), values: new Set(values) };
  });
  return (t) => {
    if (!t) return false;
    for (const r of reqs) {
      const actual = t[r.key];
      if (actual === undefined) return false;
      if (!r.any && !r.values.has(actual)) return false;
    }
    return true;
  };
}

/** Compiles a scope/exclude selector or an exception match; undefined or empty matches everything. */
export function compileSelector(
  sel: Selector | ExceptionMatch | undefined,
  index: InventoryIndex,
  mode: MissingKeyMode,
): SubjectMatcher {
  if (!sel) return () => true;
  const accountSet = sel.accounts ? new Set(sel.accounts) : undefined;
  let ouAccounts: Set<string> | undefined;
  if (sel.ous) {
    ouAccounts = new Set();
    for (const ou of sel.ous) for (const a of index.accountsUnderOu.get(ou) ?? []) ouAccounts.add(a);
  }
  const regionGlob = sel.regions ? compileGlobs(sel.regions) : undefined;
  const nameGlob = sel.names ? compileGlobs(sel.names) : undefined;
  const tags = sel.tags ? tagMatcher(sel.tags) : undefined;
  const ids = 'imageIds' in sel && sel.imageIds ? new Set(sel.imageIds) : undefined;
  const hasImageKeys = nameGlob !== undefined || tags !== undefined || ids !== undefined;

  // Scans see few distinct accounts and regions but many images: memoise those two decisions.
  const accountMemo = new Map<string, boolean>();
  const accountOk = (account: string): boolean => {
    let v = accountMemo.get(account);
    if (v === undefined) {
      v = (!accountSet || accountSet.has(account)) && (!ouAccounts || ouAccounts.has(account));
      accountMemo.set(account, v);
    }
    return v;
  };
  const regionMemo = new Map<string, boolean>();
  const regionOk = (region: string): boolean => {
    if (!regionGlob) return true;
    let v = regionMemo.get(region);
    if (v === undefined) {
      v = regionGlob(region);
      regionMemo.set(region, v);
    }
    return v;
  };

  const checksAccount = accountSet !== undefined || ouAccounts !== undefined;
  return (subject) => {
    if (subject.type === 'account-region') {
      if (hasImageKeys && mode === 'fail') return false;
      return (!checksAccount || accountOk(subject.account)) && regionOk(subject.region);
    }
    const img = subject.image;
    if (
      checksAccount &&
      !accountOk(subject.type === 'ec2:snapshot' ? subject.snapshot.account : img.account)
    ) {
      return false;
    }
    if (regionGlob && !regionOk(subject.type === 'ec2:snapshot' ? subject.snapshot.region : img.region))
      return false;
    if (nameGlob && (img.name === undefined || !nameGlob(img.name))) return false;
    if (tags && !tags(img.tags)) return false;
    if (ids) {
      const direct = subject.type === 'ec2:snapshot' ? subject.snapshot.snapshotId : img.imageId;
      if (!ids.has(direct) && !ids.has(img.imageId)) return false;
    }
    return true;
  };
}

/** A rule's scope and exclude combined: in scope when `scope` matches and `exclude` does not. */
export function compileRuleScope(
  scope: Selector | undefined,
  exclude: Selector | undefined,
  index: InventoryIndex,
): SubjectMatcher {
  const inc = compileSelector(scope, index, 'ignore');
  if (!exclude || Object.keys(exclude).length === 0) return inc;
  const exc = compileSelector(exclude, index, 'fail');
  return (s) => inc(s) && !exc(s);
}
