import type { Pacer } from '../aws/pacer.js';
import type { AwsSession } from '../aws/types.js';
import {
  type Collector,
  type HeaderRecord,
  type ImageRecord,
  INVENTORY_SCHEMA_VERSION,
  type InventoryRecord,
  type SegmentRecord,
} from '../inventory/schema.js';
import { VERSION } from '../version.js';
import { collectAutoScalingGroups } from './collectors/auto-scaling-groups.js';
import { collectImages } from './collectors/images.js';
import { collectInstances } from './collectors/instances.js';
import { collectLaunchConfigurations } from './collectors/launch-configurations.js';
import { collectLaunchPermissions } from './collectors/launch-permissions.js';
import { collectLaunchTemplates, LaunchTemplateIndex } from './collectors/launch-templates.js';
import { collectSettings } from './collectors/settings.js';
import { collectSnapshots } from './collectors/snapshots.js';
import { REGION_COLLECTORS } from './plan.js';
import type { Progress } from './progress.js';
import { enabledRegions, planRegions, type RegionRequest } from './regions.js';
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
  /** Region-level collectors to run (see collectorsFor); account-level ones always run. */
  collectors: readonly Collector[];
  /** Receives every record, header first. */
  write: (record: InventoryRecord) => void;
  progress?: Progress;
  /** Collection start (header.collectedAt); default now. */
  startedAt?: Date;
  /** Images per account-region known beforehand (an earlier inventory): orders the listings, largest first. */
  sizeHints?: SizeHints;
}

export interface CollectionResult {
  header: HeaderRecord;
  targets: Targets;
  segments: number;
  /** Segments that leave coverage incomplete. */
  gaps: SegmentRecord[];
}

interface AccountPlan {
  account: string;
  scan: string[];
  disabled: string[];
  segments: SegmentRecord[];
}

/** Statuses that do not make an audit incomplete. */
const COMPLETE = new Set<SegmentRecord['status']>(['ok', 'skipped']);

/** Assumes into the account and finds its regions; a failed assume ends the account with one gap. */
async function prepareAccount(
  opts: CollectionOptions,
  targets: Targets,
  account: string,
): Promise<AccountPlan> {
  const { session, pacer } = opts;
  const segments: SegmentRecord[] = [];
  if (account !== targets.callerAccount) {
    const seg = new Segment(session, pacer, account, '*', 'assume-role');
    const rec = await runSegment(seg, async (s) => {
      await s.call('AssumeRole', () => session.credentials(account));
      s.items = 1;
    });
    if (rec.status !== 'ok') {
      segments.push({ ...rec, status: 'assume-failed' });
      return { account, scan: [], disabled: [], segments };
    }
    segments.push(rec);
  }
  let enabled: string[] | undefined;
  const rec = await runSegment(new Segment(session, pacer, account, '*', 'regions'), async (s) => {
    enabled = await enabledRegions(s);
  });
  // With an explicit --regions list the scan can go on without DescribeRegions: the regions are
  // tried anyway and a disabled one fails with OptInRequired. Without a list nothing can be scanned.
  if (rec.status === 'ok' || opts.regions === 'all') segments.push(rec);
  const { scan, disabled } = planRegions(opts.regions, enabled);
  return { account, scan, disabled, segments };
}

/**
 * Runs every selected collector in one account-region; records are written as each completes. The
 * images listing ranks above other work; once it returns, the region's calls rank by its image count
 * so the biggest regions' N+1 work is served first (see schedule.ts).
 */
async function collectAccountRegion(
  opts: CollectionOptions,
  account: string,
  region: string,
  order: number,
  done: (rec: SegmentRecord) => void,
): Promise<void> {
  const { session, pacer, write } = opts;
  const want = new Set(opts.collectors);
  const ranks: AccountRegionRanks = initialRanks(
    opts.sizeHints?.get(accountRegionKey(account, region)),
    order,
  );
  const seg = (c: Collector) =>
    new Segment(session, pacer, account, region, c, c === 'images' ? ranks.listing : ranks.work);
  const finish = (rec: SegmentRecord) => {
    write(rec);
    done(rec);
  };
  const emit = (r: InventoryRecord) => write(r);

  const imagesChain = async (): Promise<void> => {
    let images: ImageRecord[] | undefined;
    finish(
      await runSegment(seg('images'), async (s) => {
        images = await collectImages(s);
      }),
    );
    const dependents = (['launch-permissions', 'snapshots'] as const).filter((c) => want.has(c));
    if (!images) {
      for (const c of dependents) {
        finish({
          kind: 'segment',
          account,
          region,
          collector: c,
          status: 'skipped',
          error: 'images failed',
          calls: 0,
          durationMs: 0,
        });
      }
      return;
    }
    const list = images;
    rankBySize(ranks, list.length);
    await Promise.all([
      want.has('launch-permissions')
        ? runSegment(seg('launch-permissions'), (s) => collectLaunchPermissions(s, list)).then(finish)
        : undefined,
      want.has('snapshots')
        ? runSegment(seg('snapshots'), (s) => collectSnapshots(s, list, emit)).then(finish)
        : undefined,
    ]);
    // Images go out after their launch permissions so each record is complete.
    for (const img of list) write(img);
  };

  const templatesChain = async (): Promise<void> => {
    const templates = new LaunchTemplateIndex();
    let configurations = new Map<string, string>();
    await Promise.all([
      want.has('launch-templates')
        ? runSegment(seg('launch-templates'), (s) => collectLaunchTemplates(s, emit, templates)).then(finish)
        : undefined,
      want.has('launch-configurations')
        ? runSegment(seg('launch-configurations'), async (s) => {
            configurations = await collectLaunchConfigurations(s, emit);
          }).then(finish)
        : undefined,
    ]);
    if (want.has('auto-scaling-groups')) {
      finish(
        await runSegment(seg('auto-scaling-groups'), (s) =>
          collectAutoScalingGroups(s, emit, templates, configurations),
        ),
      );
    }
  };

  await Promise.all([
    imagesChain(),
    templatesChain(),
    want.has('instances')
      ? runSegment(seg('instances'), (s) => collectInstances(s, emit)).then(finish)
      : undefined,
    want.has('settings')
      ? runSegment(seg('settings'), (s) => collectSettings(s, emit)).then(finish)
      : undefined,
  ]);
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
  const collectors = REGION_COLLECTORS.filter((c) => opts.collectors.includes(c));
  const targets = await resolveTargets(opts.session, opts.pacer, opts.targets);
  const progress = opts.progress;
  progress?.setAccounts(targets.accounts.length);

  const plans = await Promise.all(targets.accounts.map((a) => prepareAccount(opts, targets, a)));
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
  const regionsToScan = plans.flatMap((p) => p.scan.map((region) => ({ account: p.account, region })));
  const ordered = launchOrder(regionsToScan, opts.sizeHints);
  await Promise.all(
    ordered.map(async ({ account, region }, i) => {
      await collectAccountRegion(opts, account, region, tiebreak(i, ordered.length), done);
      // Its records are out: drop its clients so a large scan holds them only for regions in flight.
      opts.session.release?.(account, region);
      const left = (remaining.get(account) ?? 1) - 1;
      remaining.set(account, left);
      if (left === 0) progress?.accountDone();
    }),
  );
  return { header, targets, segments, gaps };
}
