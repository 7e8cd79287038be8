import type { Pacer } from '../aws/pacer.js';
import type { AwsSession } from '../aws/types.js';
import {
  type Collector as CollectorName,
  type HeaderRecord,
  INVENTORY_SCHEMA_VERSION,
  type InventoryRecord,
  type SegmentRecord,
} from '../inventory/schema.js';
import { VERSION } from '../version.js';
import { prepareAccount } from './account.js';
import type { Collector, CollectorContext, RegionCollectorName } from './collector.js';
import { collectorNamed, withDependencies } from './collectors/index.js';
import type { Progress } from './progress.js';
import { checkKnownRegions, type RegionRequest } from './regions.js';
import type { ResumeSource } from './resume.js';
import {
  type AccountRegionRanks,
  accountRegionKey,
  initialRanks,
  launchOrder,
  rankBySize,
  type SizeHints,
  tiebreak,
} from './schedule.js';
import { runSegment, Segment } from './segment.js';
import { resolveTargets, type TargetOptions, type Targets } from './targets.js';

export interface CollectionOptions {
  session: AwsSession;
  pacer: Pacer;
  targets: TargetOptions;
  regions: RegionRequest;
  /** Region-level collectors to run (see collectorsFor), with what they depend on; account-level ones always run. */
  collectors: readonly CollectorName[];
  /** Receives every record, header first. */
  write: (record: InventoryRecord) => void;
  progress?: Progress;
  /** Collection start (header.collectedAt); default now. */
  startedAt?: Date;
  /** Images per account-region known beforehand (an earlier inventory): orders the listings, largest first. */
  sizeHints?: SizeHints;
  /** A partial inventory to continue: its completed account-regions are replayed, not collected. */
  resume?: ResumeSource;
}

export interface CollectionResult {
  header: HeaderRecord;
  targets: Targets;
  segments: number;
  /** Segments that leave coverage incomplete. */
  gaps: SegmentRecord[];
  /** Account-regions taken whole from the resumed partial inventory (0 without --resume). */
  resumed: number;
}

/** Statuses that do not make an audit incomplete. */
const COMPLETE = new Set<SegmentRecord['status']>(['ok', 'skipped']);

/** How one collector's run in an account-region ended: its output (or what it shared before failing). */
interface Outcome {
  ok: boolean;
  output?: unknown;
}

/**
 * Runs the selected collectors in one account-region: each starts once its `dependsOn` and `uses`
 * have finished (a failed `dependsOn` skips it), and its segment record is written as it ends. The
 * `ranksFirst` listing ranks above other work; once it tells the region's size, the region's calls
 * rank by it so the biggest regions' N+1 work is served first (see schedule.ts). Deferred records
 * (images) are written once every collector depending on theirs has finished.
 */
async function collectAccountRegion(
  opts: CollectionOptions,
  selected: readonly Collector[],
  account: string,
  region: string,
  order: number,
  done: (rec: SegmentRecord) => void,
): Promise<void> {
  const { session, pacer, write } = opts;
  const ranks: AccountRegionRanks = initialRanks(
    opts.sizeHints?.get(accountRegionKey(account, region)),
    order,
  );
  // Segment records go out last, after every record of the account-region (deferred ones included):
  // a partial inventory that holds all of them holds the whole account-region (--resume relies on it).
  const held: SegmentRecord[] = [];
  const finish = (rec: SegmentRecord) => {
    held.push(rec);
    done(rec);
  };
  const skipped = (collector: RegionCollectorName, error: string): SegmentRecord => ({
    kind: 'segment',
    account,
    region,
    collector,
    status: 'skipped',
    error,
    calls: 0,
    durationMs: 0,
  });

  const outcomes = new Map<RegionCollectorName, Promise<Outcome>>();
  const runOne = async (c: Collector): Promise<Outcome> => {
    const inputs = new Map<RegionCollectorName, Outcome>();
    for (const d of [...c.dependsOn, ...c.uses]) {
      const pending = outcomes.get(d);
      if (pending) inputs.set(d, await pending);
    }
    const failed = c.dependsOn.find((d) => inputs.get(d)?.ok === false);
    if (failed) {
      finish(skipped(c.name, `${failed} failed`));
      return { ok: false };
    }
    const outcome: Outcome = { ok: false };
    const seg = new Segment(
      session,
      pacer,
      account,
      region,
      c.name,
      c.ranksFirst ? ranks.listing : ranks.work,
    );
    const ctx: CollectorContext<RegionCollectorName> = {
      segment: seg,
      emit: write,
      dependency: (name) => inputs.get(name)?.output as never,
      input: (name) => inputs.get(name)?.output as never,
      share: (output) => {
        outcome.output = output;
      },
      sizeKnown: (images) => rankBySize(ranks, images),
    };
    const rec = await runSegment(seg, async () => {
      outcome.output = await c.run(ctx);
      outcome.ok = true;
    });
    finish(rec);
    return outcome;
  };
  // REGION_COLLECTORS order puts every collector after what it waits for, so those are in the map.
  for (const c of selected) outcomes.set(c.name, runOne(c));

  await Promise.all(
    selected.map(async (c) => {
      const outcome = await outcomes.get(c.name)!;
      if (!c.deferredRecords) return;
      await Promise.all(
        selected.filter((d) => d.dependsOn.includes(c.name)).map((d) => outcomes.get(d.name)),
      );
      if (outcome.ok) for (const r of c.deferredRecords(outcome.output as never)) write(r);
    }),
  );
  for (const rec of held) write(rec);
}

/**
 * Collects the inventory: resolves targets, assumes into each account once, finds its regions, then
 * fans out over account × region. Pacing and the global in-flight cap live in the pacer, so every
 * account-region runs at once and the slowest bucket sets the wall time; calls queue by rank, the
 * largest account-regions first, so that slowest bucket starts early. A failure in one segment is
 * recorded and the scan goes on.
 */
export async function runCollection(opts: CollectionOptions): Promise<CollectionResult> {
  const startedAt = opts.startedAt ?? new Date();
  const collectors = withDependencies(opts.collectors);
  const selected = collectors.map(collectorNamed);
  const targets = await resolveTargets(opts.session, opts.pacer, opts.targets);
  const progress = opts.progress;
  progress?.setAccounts(targets.accounts.length);

  const plans = await Promise.all(
    targets.accounts.map((a) => prepareAccount(opts.session, opts.pacer, opts.regions, targets, a)),
  );
  checkKnownRegions(opts.regions, new Set(plans.flatMap((p) => p.known ?? [])));
  const regions = new Set<string>(opts.regions === 'all' ? [] : opts.regions);
  for (const p of plans) for (const r of [...p.scan, ...p.disabled]) regions.add(r);

  const header: HeaderRecord = {
    kind: 'header',
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    collectedAt: startedAt.toISOString(),
    tool: { name: 'amiaudit', version: VERSION },
    organization: targets.organization,
    requestedAccounts: targets.accounts,
    regions: [...regions].sort(),
    collectors: ['assume-role', 'regions', ...collectors],
    ...(opts.targets.shard ? { shard: { ...opts.targets.shard } } : {}),
  };
  const resume = opts.resume;
  if (resume) {
    resume.check(header);
    // The inventory stays dated from when its collection began.
    header.collectedAt = resume.header.collectedAt;
  }
  opts.write(header);

  let segments = 0;
  const gaps: SegmentRecord[] = [];
  const done = (rec: SegmentRecord): void => {
    segments += 1;
    const ok = COMPLETE.has(rec.status);
    if (!ok) gaps.push(rec);
    progress?.segmentDone(ok);
  };

  for (const p of plans) {
    progress?.addSegments(p.segments.length + (p.scan.length + p.disabled.length) * collectors.length);
  }
  if (resume) {
    await resume.replay((rec) => {
      opts.write(rec);
      if (rec.kind === 'segment') done(rec);
    });
  }
  for (const p of plans) {
    for (const rec of p.segments) {
      opts.write(rec);
      done(rec);
    }
    for (const region of p.disabled) {
      for (const collector of collectors) {
        const rec: SegmentRecord = {
          kind: 'segment',
          account: p.account,
          region,
          collector,
          status: 'region-disabled',
          error: `region ${region} is not enabled for account ${p.account}`,
          calls: 0,
          durationMs: 0,
        };
        opts.write(rec);
        done(rec);
      }
    }
  }

  const remaining = new Map(plans.map((p) => [p.account, p.scan.length]));
  for (const p of plans) if (p.scan.length === 0) progress?.accountDone();
  const regionsToScan = plans.flatMap((p) =>
    p.scan
      .filter((region) => !resume?.completed.has(accountRegionKey(p.account, region)))
      .map((region) => ({ account: p.account, region })),
  );
  let resumedTotal = 0;
  for (const p of plans) {
    const resumed = p.scan.filter((region) =>
      resume?.completed.has(accountRegionKey(p.account, region)),
    ).length;
    resumedTotal += resumed;
    if (resumed > 0) remaining.set(p.account, p.scan.length - resumed);
    if (resumed > 0 && resumed === p.scan.length) progress?.accountDone();
  }
  const ordered = launchOrder(regionsToScan, opts.sizeHints);
  await Promise.all(
    ordered.map(async ({ account, region }, i) => {
      await collectAccountRegion(opts, selected, account, region, tiebreak(i, ordered.length), done);
      // Its records are out: drop its clients so a large scan holds them only for regions in flight.
      opts.session.release?.(account, region);
      const left = (remaining.get(account) ?? 1) - 1;
      remaining.set(account, left);
      if (left === 0) progress?.accountDone();
    }),
  );
  return { header, targets, segments, gaps, resumed: resumedTotal };
}
