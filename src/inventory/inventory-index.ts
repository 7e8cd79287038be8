import type { Inventory } from './inventory.js';
import { knownPositions } from './positions.js';
import { type AccountRegionRecord, type Collector, type SegmentRecord, USAGE_COLLECTORS } from './schema.js';

/** Account-level collectors (region "*"): when they fail, nothing was collected for the account. */
export const ACCOUNT_COLLECTORS: readonly Collector[] = ['assume-role', 'regions'];

/** Why usage evidence for one account-region is incomplete: a failed segment, or one that is missing. */
export interface UsageGap {
  account: string;
  region: string;
  collector: string;
  status: string;
  error?: string;
}

/** Lookup tables built once per evaluation, so every check runs in O(1) per image. */
export interface InventoryIndex {
  inventory: Inventory;
  /** CreationDate of inventory.images[i] in ms (NaN when absent or unparseable), parsed once for every rule. */
  creationMs: Float64Array;
  /** Position in inventory.images of each image id (first record wins); only source-chain walks need it. */
  readonly imagePositions: ReadonlyMap<string, number>;
  /** Ids of images referenced by at least one usage record, from any account (proof of use). */
  usedImageIds: Set<string>;
  /** Position in inventory.snapshots of each snapshot id (last record wins). */
  snapshotPos: ReadonlyMap<string, number>;
  /** Backing snapshots of every image, resolved once on first use (see ImageSnapshots). */
  readonly imageSnapshots: ImageSnapshots;
  /** Keyed `${account}/${region}`. */
  accountRegions: Map<string, AccountRegionRecord>;
  /** De-duplicated segments keyed `${account}\0${region}` then collector; an ok segment wins over a failed retry. */
  segments: Map<string, Map<string, SegmentRecord>>;
  accountsWithSegments: Set<string>;
  orgId: string | undefined;
  orgAccounts: Set<string>;
  /** Accounts under each OU or root id, nested OUs included. */
  accountsUnderOu: Map<string, Set<string>>;
  /** The accounts this inventory set out to scan: requested accounts, else the org's, else every account seen. */
  scopeAccounts: Set<string>;
  /** In-scope accounts whose usage evidence in `region` is incomplete, with the reasons (memoised per region). */
  usageGaps(region: string): Map<string, UsageGap[]>;
}

/**
 * The snapshot records behind each image, as compressed rows: the block devices with a snapshot id of
 * inventory.images[i] map to `refs[start[i]]` … `refs[start[i + 1] - 1]` (in block-device order), each a
 * position in inventory.snapshots, or -1 when the inventory has no record of that snapshot. Resolving ids
 * once turns every later per-rule, per-finding snapshot access into array indexing instead of a lookup in a
 * million-entry hash table.
 */
export interface ImageSnapshots {
  start: Int32Array;
  refs: Int32Array;
}

function resolveImageSnapshots(inv: Inventory, snapshotPos: ReadonlyMap<string, number>): ImageSnapshots {
  const images = inv.images;
  const start = new Int32Array(images.length + 1);
  // One pass: a counting pass first would walk a million scattered records twice. Most AMIs have one or
  // two snapshots, so refs rarely grows.
  let refs = new Int32Array(Math.max(16, images.length * 2));
  let k = 0;
  for (let i = 0; i < images.length; i++) {
    start[i] = k;
    for (const bd of images[i].blockDevices) {
      if (bd.snapshotId === undefined) continue;
      if (k === refs.length) {
        const grown = new Int32Array(refs.length * 2);
        grown.set(refs);
        refs = grown;
      }
      refs[k++] = snapshotPos.get(bd.snapshotId) ?? -1;
    }
  }
  start[images.length] = k;
  return { start, refs: refs.subarray(0, k) };
}

/** Key of a segment map entry. */
export function segmentKey(account: string, region: string): string {
  return `${account}\u0000${region}`;
}

function indexAccountsUnderOu(inv: Inventory): Map<string, Set<string>> {
  const parentOf = new Map<string, string | undefined>();
  for (const ou of inv.organization.ous) parentOf.set(ou.id, ou.parentId);
  const out = new Map<string, Set<string>>();
  for (const acct of inv.organization.accounts) {
    const seen = new Set<string>();
    let cur = acct.parentId;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      let set = out.get(cur);
      if (!set) {
        set = new Set();
        out.set(cur, set);
      }
      set.add(acct.id);
      cur = parentOf.get(cur);
    }
  }
  return out;
}

/** Builds the lookup tables of an inventory (one pass over each record list). */
export function buildIndex(inv: Inventory): InventoryIndex {
  const creationMs = new Float64Array(inv.images.length);
  for (let i = 0; i < inv.images.length; i++) {
    const created = inv.images[i].creationDate;
    creationMs[i] = created === undefined ? Number.NaN : Date.parse(created);
  }
  // The reader's merger keyed images and snapshots by id while de-duplicating them: when their ids are
  // unique, its tables are exactly the ones below, and rebuilding million-entry hash tables costs seconds.
  let imagePositions = knownPositions(inv.images);

  const usedImageIds = new Set<string>();
  for (const u of inv.usage) usedImageIds.add(u.imageId);

  let snapshotPos = knownPositions(inv.snapshots);
  if (!snapshotPos) {
    const built = new Map<string, number>();
    for (let i = 0; i < inv.snapshots.length; i++) built.set(inv.snapshots[i].snapshotId, i);
    snapshotPos = built;
  }
  let imageSnapshots: ImageSnapshots | undefined;

  const accountRegions = new Map<string, AccountRegionRecord>();
  for (const ar of inv.accountRegions) accountRegions.set(`${ar.account}/${ar.region}`, ar);

  const segments = new Map<string, Map<string, SegmentRecord>>();
  const accountsWithSegments = new Set<string>();
  for (const seg of inv.segments) {
    accountsWithSegments.add(seg.account);
    const key = segmentKey(seg.account, seg.region);
    let byCollector = segments.get(key);
    if (!byCollector) {
      byCollector = new Map();
      segments.set(key, byCollector);
    }
    const prev = byCollector.get(seg.collector);
    if (prev?.status !== 'ok') byCollector.set(seg.collector, seg);
  }

  const orgAccounts = new Set(inv.organization.accounts.map((a) => a.id));
  let scopeAccounts: Set<string>;
  if (inv.requestedAccounts.length > 0) scopeAccounts = new Set(inv.requestedAccounts);
  else if (orgAccounts.size > 0) scopeAccounts = new Set(orgAccounts);
  else {
    scopeAccounts = new Set(accountsWithSegments);
    for (const img of inv.images) scopeAccounts.add(img.account);
  }

  const gapsByRegion = new Map<string, Map<string, UsageGap[]>>();
  const usageGaps = (region: string): Map<string, UsageGap[]> => {
    let gaps = gapsByRegion.get(region);
    if (gaps) return gaps;
    gaps = new Map();
    for (const account of scopeAccounts) {
      const found = accountUsageGaps(segments, accountsWithSegments, account, region);
      if (found.length > 0) gaps.set(account, found);
    }
    gapsByRegion.set(region, gaps);
    return gaps;
  };

  return {
    inventory: inv,
    creationMs,
    get imagePositions() {
      if (!imagePositions) {
        // Backwards, so the first record of a duplicated id wins with one map operation per image.
        const built = new Map<string, number>();
        for (let i = inv.images.length - 1; i >= 0; i--) built.set(inv.images[i].imageId, i);
        imagePositions = built;
      }
      return imagePositions;
    },
    usedImageIds,
    snapshotPos,
    get imageSnapshots() {
      imageSnapshots ??= resolveImageSnapshots(inv, snapshotPos);
      return imageSnapshots;
    },
    accountRegions,
    segments,
    accountsWithSegments,
    orgId: inv.organization.id,
    orgAccounts,
    accountsUnderOu: indexAccountsUnderOu(inv),
    scopeAccounts,
    usageGaps,
  };
}

/**
 * Reasons why usage of an AMI in (account, region) cannot be ruled out: an account-level segment failed,
 * the account was never collected, or a usage collector failed or has no segment there. A region that is
 * not enabled for the account cannot run anything, so a `region-disabled` segment is proof, not a gap.
 */
export function accountUsageGaps(
  segments: Map<string, Map<string, SegmentRecord>>,
  accountsWithSegments: Set<string>,
  account: string,
  region: string,
): UsageGap[] {
  const gaps: UsageGap[] = [];
  if (!accountsWithSegments.has(account)) {
    gaps.push({ account, region: '*', collector: '*', status: 'not-collected' });
    return gaps;
  }
  const accountLevel = segments.get(segmentKey(account, '*'));
  if (accountLevel) {
    for (const c of ACCOUNT_COLLECTORS) {
      const seg = accountLevel.get(c);
      if (seg && seg.status !== 'ok') gaps.push(toGap(seg));
    }
    if (gaps.length > 0) return gaps;
  }
  const here = segments.get(segmentKey(account, region));
  if (here) for (const seg of here.values()) if (seg.status === 'region-disabled') return gaps;
  for (const c of USAGE_COLLECTORS) {
    const seg = here?.get(c);
    if (!seg) gaps.push({ account, region, collector: c, status: 'not-collected' });
    else if (seg.status !== 'ok') gaps.push(toGap(seg));
  }
  return gaps;
}

function toGap(seg: SegmentRecord): UsageGap {
  const gap: UsageGap = {
    account: seg.account,
    region: seg.region,
    collector: seg.collector,
    status: seg.status,
  };
  if (seg.error !== undefined) gap.error = seg.error;
  return gap;
}
