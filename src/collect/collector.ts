import type { Collector as CollectorName, ImageRecord, InventoryRecord } from '../inventory/schema.js';
import type { LaunchTemplateIndex } from './launch-template-index.js';
import type { Segment } from './segment.js';

/** The account-level steps of a collection (region "*"): every other collector is region-level. */
export type AccountStep = 'assume-role' | 'regions';

/** A region-level collector's name. */
export type RegionCollectorName = Exclude<CollectorName, AccountStep>;

/** What each region-level collector hands to the collectors that depend on it or use it. */
export interface CollectorOutputs extends Record<RegionCollectorName, unknown> {
  images: ImageRecord[];
  'launch-permissions': undefined;
  instances: undefined;
  'launch-templates': LaunchTemplateIndex;
  /** Launch configuration name → image id. */
  'launch-configurations': Map<string, string>;
  'auto-scaling-groups': undefined;
  snapshots: undefined;
  settings: undefined;
}

/** What a collector's run gets from the scheduler in one account-region. */
export interface CollectorContext<N extends RegionCollectorName> {
  /** The collector's segment: paced, counted calls in this account-region, and its item count. */
  readonly segment: Segment;
  /** Writes a record to the inventory now. */
  emit(record: InventoryRecord): void;
  /** The output of a collector in `dependsOn` (it ran and succeeded, or this one would be skipped). */
  dependency<K extends RegionCollectorName>(name: K): CollectorOutputs[K];
  /** The output of a collector in `uses`; undefined when it was not selected or failed without sharing one. */
  input<K extends RegionCollectorName>(name: K): CollectorOutputs[K] | undefined;
  /** Hands the output over before the run ends: collectors that use it get what was found even if the run fails later. */
  share(output: CollectorOutputs[N]): void;
  /** Tells the scheduler how many images the account-region holds: its other calls rank by it from now on. */
  sizeKnown(images: number): void;
}

/**
 * One region-level collector: what it needs, the IAM actions its calls need, and its run. The
 * scheduler starts it once its `dependsOn` and `uses` have finished; a failed `dependsOn` skips it.
 */
export interface Collector<N extends RegionCollectorName = RegionCollectorName> {
  readonly name: N;
  /** Collectors whose output it cannot run without: selected with it, run first, their failure skips it. */
  readonly dependsOn: readonly RegionCollectorName[];
  /** Collectors whose output it uses when they ran (waited for when selected; it runs either way). */
  readonly uses: readonly RegionCollectorName[];
  /** IAM actions its calls need (the read-only policy is built from them). */
  readonly iamActions: readonly string[];
  /** Its calls rank above all other work: a listing that tells how big the account-region is. */
  readonly ranksFirst?: boolean;
  /** Records written once every collector depending on it has finished (they complete them). */
  deferredRecords?(output: CollectorOutputs[N]): Iterable<InventoryRecord>;
  run(ctx: CollectorContext<N>): Promise<CollectorOutputs[N]>;
}
