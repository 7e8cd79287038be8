import { rename } from 'node:fs/promises';
import { type BucketClass, type BucketSpec, Pacer, type PacerStats } from '../aws/pacer.js';
import { createAwsSession, DEFAULT_CONCURRENCY } from '../aws/session.js';
import type { AwsOptions } from '../aws/types.js';
import { FatalAwsError, Interrupted } from '../errors.js';
import { gapCauses } from '../findings/gap-causes.js';
import type { Inventory } from '../inventory/inventory.js';
import { InventoryMerger } from '../inventory/merge.js';
import type { Collector, InventoryRecord } from '../inventory/schema.js';
import { createInventoryWriter, type InventoryWriter } from '../inventory/writer.js';
import { Progress } from './progress.js';
import type { RegionRequest } from './regions.js';
import { openResume } from './resume.js';
import { type CollectionResult, runCollection } from './run.js';
import type { SizeHints } from './schedule.js';
import type { TargetOptions } from './targets.js';

export interface CollectInventoryOptions {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
  collectors: readonly Collector[];
  /**
   * The .jsonl file the inventory ends up in. Records stream to `<output>.partial`, which is renamed to
   * `output` only when collection ends, so an earlier inventory survives a crash or an interruption.
   */
  output: string;
  /** Stops the collection (its reason, 'SIGINT' or 'SIGTERM', is the Interrupted error's signal). */
  signal?: AbortSignal;
  /** Also build the merged in-memory Inventory (scan evaluates it without re-reading the file). */
  inMemory?: boolean;
  /** Pacer bucket overrides (benchmarks, tests). */
  buckets?: Partial<Record<BucketClass, BucketSpec>>;
  progress?: { stream: NodeJS.WritableStream & { isTTY?: boolean }; quiet?: boolean; intervalMs?: number };
  startedAt?: Date;
  /** Images per account-region known beforehand (key `account/region`): the largest are listed first. */
  sizeHints?: SizeHints;
  /** A partial inventory (`--resume FILE`) to continue: what it collected completely is kept, not collected again. */
  resume?: string;
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
  const partial = `${opts.output}.partial`;
  // Read before anything is written: the file may be the very partial inventory this run streams to.
  const resume = opts.resume ? await openResume(opts.resume, partial) : undefined;
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
  let imagesCollected = false;
  const write = (record: InventoryRecord): void => {
    if (opts.signal?.aborted) return;
    if (record.kind === 'segment' && record.collector === 'images' && record.status === 'ok')
      imagesCollected = true;
    writer ??= createInventoryWriter(partial);
    writer.write(record);
    line += 1;
    merger?.add(record, { file: opts.output, line });
  };
  progress?.start();
  try {
    const collection = runCollection({
      session,
      pacer,
      targets: opts.targets,
      regions: opts.regions,
      collectors: opts.collectors,
      write,
      ...(progress ? { progress } : {}),
      ...(opts.startedAt ? { startedAt: opts.startedAt } : {}),
      ...(opts.sizeHints ? { sizeHints: opts.sizeHints } : {}),
      ...(resume ? { resume } : {}),
    });
    const result = await untilAborted(collection, opts.signal, (reason) => {
      const interrupted = new Interrupted(reason, writer ? partial : undefined);
      pacer.stop(interrupted);
      return interrupted;
    });
    await writer?.close();
    if (!imagesCollected && result.gaps.length > 0) {
      // Nothing to audit: an inventory of gaps only would replace a good one and report an
      // "incomplete" audit of nothing. Fatal instead; the partial inventory stays for diagnosis.
      const top = gapCauses(result.gaps, result.targets.accounts.length)[0];
      throw new FatalAwsError(
        `no account-region's images were collected (${result.gaps.length} gaps; ${top?.hint ?? 'see the inventory'}: ${top?.cause ?? ''}); the records are in ${partial}`,
      );
    }
    if (writer) await rename(partial, opts.output);
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
    // After the writer has flushed what it replayed (or before it wrote anything): see ResumeSource.done.
    await resume?.done().catch(() => undefined);
  }
}

/**
 * The collection's result, or the error `interrupt` makes as soon as the signal aborts (the collection is
 * then abandoned: `interrupt` stops what it has queued).
 */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  interrupt: (reason: 'SIGINT' | 'SIGTERM') => Error,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interrupt(signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
