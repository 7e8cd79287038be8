import { InputError, type SourceLocation } from '../errors.js';
import type { Inventory } from './inventory.js';
import { rememberPositions } from './positions.js';
import type {
  AccountRegionRecord,
  HeaderRecord,
  ImageRecord,
  InventoryRecord,
  OrgAccount,
  OrgUnit,
  SegmentRecord,
  SnapshotRecord,
  UsageRecord,
} from './schema.js';

/** Identifies one header (shard) among the merged inputs, ordered by collection time. */
interface Shard {
  collectedAt: number;
  /** Input order, the tie-breaker: with equal times, what was read later wins. */
  seq: number;
}

/** Whether data from shard `a` supersedes data from shard `b`. */
function newerOrSame(a: Shard, b: Shard): boolean {
  return a.collectedAt > b.collectedAt || (a.collectedAt === b.collectedAt && a.seq >= b.seq);
}

/**
 * A list of records de-duplicated by identity: a duplicate replaces the earlier record in place when it
 * comes from a newer (or the same) shard, so the list keeps first-seen order and duplicates never grow it.
 *
 * Records are looked up by a cheap primary key — a string the record already holds, such as its imageId,
 * so the hot path allocates nothing — and compared with `same`; only records whose primary key collides
 * with a different identity pay for a composite key in the overflow map.
 */
class DedupedList<R> {
  readonly items: R[] = [];
  private readonly shards: Shard[] = [];
  private readonly primary = new Map<string, number>();
  private readonly overflow = new Map<string, number>();

  constructor(
    private readonly same: (a: R, b: R) => boolean,
    private readonly fullKey: (r: R) => string,
    private readonly keep: (incoming: R, existing: R, incomingNewer: boolean) => boolean = newerWins,
  ) {}

  add(primaryKey: string, record: R, shard: Shard): void {
    let at = this.primary.get(primaryKey);
    if (at === undefined) {
      this.primary.set(primaryKey, this.push(record, shard));
      return;
    }
    if (!this.same(this.items[at], record)) {
      const key = this.fullKey(record);
      at = this.overflow.get(key);
      if (at === undefined) {
        this.overflow.set(key, this.push(record, shard));
        return;
      }
    }
    if (this.keep(record, this.items[at], newerOrSame(shard, this.shards[at]))) {
      this.items[at] = record;
      this.shards[at] = shard;
    }
  }

  /**
   * Position in `items` of each primary key, when no two records share one (nothing overflowed): then the
   * primary key is the record's identity. Undefined otherwise.
   */
  uniquePositions(): ReadonlyMap<string, number> | undefined {
    return this.overflow.size === 0 ? this.primary : undefined;
  }

  private push(record: R, shard: Shard): number {
    this.items.push(record);
    this.shards.push(shard);
    return this.items.length - 1;
  }
}

function newerWins<R>(_incoming: R, _existing: R, incomingNewer: boolean): boolean {
  return incomingNewer;
}

const sep = '\u0000';
const sameAccountRegion = (a: { account: string; region: string }, b: { account: string; region: string }) =>
  a.account === b.account && a.region === b.region;
const accountRegionKey = (r: { account: string; region: string }) => `${r.account}${sep}${r.region}`;
const byId = <R extends { id: string }>() =>
  new DedupedList<R>(
    (a, b) => a.id === b.id,
    (r) => r.id,
  );

/**
 * A segment that succeeded beats one that failed, whatever their times: its data is in the merged
 * inventory (a failed shard re-run elsewhere must not leave a false gap). Otherwise the newer one wins.
 */
const segmentWins = (incoming: SegmentRecord, existing: SegmentRecord, incomingNewer: boolean): boolean => {
  const inOk = incoming.status === 'ok';
  const exOk = existing.status === 'ok';
  return inOk !== exOk ? inOk : incomingNewer;
};

/**
 * Merges inventory records from one or more files (shards) into an Inventory.
 *
 * Headers: organization accounts and OUs are unioned by id (the newest shard's copy wins), requested
 * accounts and collectors are unioned, collectedAt is the latest. Shards of two different organizations
 * cannot be merged. Records are de-duplicated by identity — images by account+region+imageId, usage by
 * imageId+account+region+source+refId, snapshots by account+region+snapshotId, account-region settings
 * by account+region, segments by account+region+collector — and the copy from the newest shard wins
 * (input order breaks ties), except that an `ok` segment always wins over a failed one.
 */
export class InventoryMerger {
  private shard: Shard | undefined;
  private seq = 0;
  private latest = '';
  private latestMs = Number.NEGATIVE_INFINITY;
  private orgId: { id: string; where: string } | undefined;
  private managementAccountId: string | undefined;
  private readonly accounts = byId<OrgAccount>();
  private readonly ous = byId<OrgUnit>();
  private readonly requested = new Set<string>();
  private readonly collectors = new Set<string>();
  private readonly segments = new DedupedList<SegmentRecord>(
    (a, b) => sameAccountRegion(a, b) && a.collector === b.collector,
    (r) => `${r.account}${sep}${r.region}${sep}${r.collector}`,
    segmentWins,
  );
  private readonly images = new DedupedList<ImageRecord>(
    (a, b) => a.imageId === b.imageId && sameAccountRegion(a, b),
    (r) => `${r.imageId}${sep}${r.account}${sep}${r.region}`,
  );
  // refId alone is unique for instances and launch templates; ASG and LC names repeat across accounts
  // and fall through to the composite key.
  private readonly usage = new DedupedList<UsageRecord>(
    (a, b) =>
      a.refId === b.refId && a.imageId === b.imageId && a.source === b.source && sameAccountRegion(a, b),
    (r) => `${r.refId}${sep}${r.imageId}${sep}${r.source}${sep}${accountRegionKey(r)}`,
  );
  private readonly snapshots = new DedupedList<SnapshotRecord>(
    (a, b) => a.snapshotId === b.snapshotId && sameAccountRegion(a, b),
    (r) => `${r.snapshotId}${sep}${accountRegionKey(r)}`,
  );
  private readonly accountRegions = new DedupedList<AccountRegionRecord>(sameAccountRegion, accountRegionKey);
  private headers = 0;
  private shardCount: { count: number; where: string } | undefined;
  private readonly shardsSeen = new Set<number>();

  /** Whether a header has been seen since the start of the current file. */
  get inShard(): boolean {
    return this.shard !== undefined;
  }

  /** Call at the start of each file: its first record must be a header again. */
  startFile(): void {
    this.shard = undefined;
  }

  /** Adds one validated record; `where` locates it for error messages. */
  add(record: InventoryRecord, where: SourceLocation): void {
    if (record.kind === 'header') {
      this.addHeader(record, where);
      return;
    }
    const shard = this.shard;
    if (!shard) throw new InputError(`the first record must be a header, got kind "${record.kind}"`, where);
    switch (record.kind) {
      case 'image':
        this.images.add(record.imageId, record, shard);
        break;
      case 'usage':
        this.usage.add(record.refId, record, shard);
        break;
      case 'snapshot':
        this.snapshots.add(record.snapshotId, record, shard);
        break;
      case 'account-region':
        this.accountRegions.add(accountRegionKey(record), record, shard);
        break;
      case 'segment':
        // Most segments of an account-region differ only by collector: the composite key is the cheap one.
        this.segments.add(`${record.account}${sep}${record.region}${sep}${record.collector}`, record, shard);
        break;
    }
  }

  private addHeader(h: HeaderRecord, where: SourceLocation): void {
    const collectedAt = Date.parse(h.collectedAt);
    if (Number.isNaN(collectedAt)) {
      throw new InputError(
        `header.collectedAt must be an ISO 8601 time, got ${JSON.stringify(h.collectedAt)}`,
        where,
      );
    }
    const orgId = h.organization.id;
    if (orgId !== undefined) {
      const here = `${where.file}:${where.line ?? 1}`;
      if (this.orgId && this.orgId.id !== orgId) {
        throw new InputError(
          `cannot merge inventories of different organizations: ${orgId} here, ${this.orgId.id} in ${this.orgId.where}`,
          where,
        );
      }
      this.orgId ??= { id: orgId, where: here };
    }
    if (h.shard) this.addShardInfo(h.shard, where);
    const shard: Shard = { collectedAt, seq: this.seq++ };
    this.shard = shard;
    this.headers++;
    this.managementAccountId ??= h.organization.managementAccountId;
    if (collectedAt > this.latestMs) {
      this.latestMs = collectedAt;
      this.latest = h.collectedAt;
    }
    for (const a of h.organization.accounts) this.accounts.add(a.id, a, shard);
    for (const ou of h.organization.ous) this.ous.add(ou.id, ou, shard);
    for (const a of h.requestedAccounts ?? []) this.requested.add(a);
    for (const c of h.collectors ?? []) this.collectors.add(c);
  }

  private addShardInfo(info: { index: number; count: number }, where: SourceLocation): void {
    if (info.index > info.count) {
      throw new InputError(`header.shard.index ${info.index} is greater than its count ${info.count}`, where);
    }
    if (this.shardCount && this.shardCount.count !== info.count) {
      throw new InputError(
        `cannot merge shards of different splits: ${info.index}/${info.count} here, ` +
          `${this.shardCount.count} shards in ${this.shardCount.where}`,
        where,
      );
    }
    this.shardCount ??= { count: info.count, where: `${where.file}:${where.line ?? 1}` };
    this.shardsSeen.add(info.index);
  }

  /** The merged inventory. Throws when no header was read at all. */
  result(): Inventory {
    if (this.headers === 0) throw new InputError('no inventory header found');
    const organization: Inventory['organization'] = { accounts: this.accounts.items, ous: this.ous.items };
    if (this.orgId) organization.id = this.orgId.id;
    if (this.managementAccountId) organization.managementAccountId = this.managementAccountId;
    const missing: string[] = [];
    if (this.shardCount) {
      for (let i = 1; i <= this.shardCount.count; i++) {
        if (!this.shardsSeen.has(i)) missing.push(`${i}/${this.shardCount.count}`);
      }
    }
    // Images and snapshots are keyed by their id: evaluation reuses these tables instead of rebuilding them.
    const imagePositions = this.images.uniquePositions();
    if (imagePositions) rememberPositions(this.images.items, imagePositions);
    const snapshotPositions = this.snapshots.uniquePositions();
    if (snapshotPositions) rememberPositions(this.snapshots.items, snapshotPositions);
    return {
      ...(missing.length > 0 ? { missingShards: missing } : {}),
      organization,
      requestedAccounts: [...this.requested],
      collectedAt: this.latest,
      collectors: [...this.collectors],
      segments: this.segments.items,
      images: this.images.items,
      usage: this.usage.items,
      snapshots: this.snapshots.items,
      accountRegions: this.accountRegions.items,
    };
  }
}
