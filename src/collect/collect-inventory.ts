import { type BucketClass, type BucketSpec, Pacer, type PacerStats } from '../aws/pacer.js';
import { createAwsSession, DEFAULT_CONCURRENCY } from '../aws/session.js';
import type { AwsOptions } from '../aws/types.js';
import type { Inventory } from '../inventory/inventory.js';
import { InventoryMerger } from '../inventory/merge.js';
import type { Collector, InventoryRecord } from '../inventory/schema.js';
import { createInventoryWriter, type InventoryWriter } from '../inventory/writer.js';
import { Progress } from './progress.js';
import type { RegionRequest } from './regions.js';
import { type CollectionResult, runCollection } from './run.js';
import type { SizeHints } from './schedule.js';
import type { TargetOptions } from './targets.js';

export interface CollectInventoryOptions {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
  collectors: readonly Collector[];
  /** The .jsonl file the inventory streams to (created at the header: a fatal error leaves no file). */
  output: string;
  /** Also build the merged in-memory Inventory (scan evaluates it without re-reading the file). */
  inMemory?: boolean;
  /** Pacer bucket overrides (benchmarks, tests). */
  buckets?: Partial<Record<BucketClass, BucketSpec>>;
  progress?: { stream: NodeJS.WritableStream & { isTTY?: boolean }; quiet?: boolean; intervalMs?: number };
  startedAt?: Date;
  /** Images per account-region known beforehand (key `account/region`): the largest are listed first. */
  sizeHints?: SizeHints;
}

export interface CollectInventoryResult extends CollectionResult {
  inventory?: Inventory;
  stats: PacerStats;
  output: string;
}

/**
 * Collects an inventory into a JSONL file (and optionally memory): builds the session and pacer,
 * runs the collection, closes everything. Credential and endpoint failures throw FatalAwsError.
 */
export async function collectInventory(opts: CollectInventoryOptions): Promise<CollectInventoryResult> {
  const concurrency = opts.aws.concurrency ?? DEFAULT_CONCURRENCY;
  const pacer = new Pacer({ concurrency, ...(opts.buckets ? { buckets: opts.buckets } : {}) });
  const userHook = opts.aws.onAttempt;
  const session = createAwsSession({
    ...opts.aws,
    concurrency,
    onAttempt: (account, region, api, err) => {
      pacer.recordAttempt(api, err);
      userHook?.(account, region, api, err);
    },
  });
  const progress = opts.progress ? new Progress({ ...opts.progress, stats: () => pacer.stats() }) : undefined;
  const merger = opts.inMemory ? new InventoryMerger() : undefined;
  let writer: InventoryWriter | undefined;
  let line = 0;
  const write = (record: InventoryRecord): void => {
    writer ??= createInventoryWriter(opts.output);
    writer.write(record);
    line += 1;
    merger?.add(record, { file: opts.output, line });
  };
  progress?.start();
  try {
    const result = await runCollection({
      session,
      pacer,
      targets: opts.targets,
      regions: opts.regions,
      collectors: opts.collectors,
      write,
      ...(progress ? { progress } : {}),
      ...(opts.startedAt ? { startedAt: opts.startedAt } : {}),
      ...(opts.sizeHints ? { sizeHints: opts.sizeHints } : {}),
    });
    await writer?.close();
    return {
      ...result,
      stats: pacer.stats(),
      output: opts.output,
      ...(merger ? { inventory: merger.result() } : {}),
    };
  } finally {
    progress?.stop();
    await writer?.close().catch(() => undefined);
    session.destroy();
  }
}
