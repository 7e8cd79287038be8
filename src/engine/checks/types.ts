import type { ImageRecord, SnapshotRecord } from '../../inventory/schema.js';
import type { Check } from '../../rules/schema.js';
import type { InventoryIndex } from '../inventory-index.js';

/** What a finding is about. Images and snapshots carry their record so cost and resource fields can be filled. */
export type Subject =
  | { type: 'ec2:image'; image: ImageRecord; position?: number }
  | { type: 'ec2:snapshot'; snapshot: SnapshotRecord; snapshotPosition: number; image: ImageRecord }
  | { type: 'account-region'; account: string; region: string };

/** A finding before the engine adds id, severity, exception and cost. */
export interface FindingDraft {
  subject: Subject;
  status: 'open' | 'inconclusive';
  message: string;
  evidence: Record<string, unknown>;
}

/** Where a check reports: every resource it evaluated (pass or not) and every finding. */
export interface CheckSink {
  /**
   * The image was evaluated and passed. Outside `image()` (in `finish`), pass its position in
   * inventory.images so the engine can count it without a lookup.
   */
  pass(image: ImageRecord, position?: number): void;
  /** inventory.snapshots[position] was evaluated and passed. */
  passSnapshot(position: number): void;
  /** The account-region `ACCOUNT/REGION` was evaluated and passed. */
  passAccountRegion(id: string): void;
  /** The subject was evaluated and has a finding. */
  finding(draft: FindingDraft): void;
}

/** Read-only facts every check may use. */
export interface CheckContext {
  index: InventoryIndex;
  now: Date;
  nowMs: number;
  /** True when the account-region passes the rule's scope/exclude (only account, OU and region selectors apply). */
  accountRegionInScope(account: string, region: string): boolean;
}

/**
 * A check compiled for one rule. `image` is called once per in-scope image (not calling the sink means
 * "not evaluated", e.g. a retention rule and an image without a family); `finish` runs after all images,
 * for checks that judge groups or account-level settings.
 */
export interface CheckRunner {
  /**
   * `position` is the image's index in inventory.images (for per-image tables such as index.creationMs).
   * Absent when the rule judges nothing per image: the engine then skips a million-image walk.
   */
  image?(image: ImageRecord, sink: CheckSink, position: number): void;
  finish?(sink: CheckSink): void;
}

/** A check type: its name and a factory that precompiles the rule's parameters once. */
export interface CheckModule<C extends Check = Check> {
  type: C['type'];
  create(check: C, ctx: CheckContext): CheckRunner;
}

export const DAY_MS = 86_400_000;

/** Age in whole days at `nowMs` of a time in ms (e.g. a creation time parsed once per run), or undefined. */
export function daysSince(ms: number | undefined, nowMs: number): number | undefined {
  return ms === undefined ? undefined : Math.floor((nowMs - ms) / DAY_MS);
}

/** Creation time of inventory.images[position] in ms, or undefined when unknown (parsed once per run). */
export function creationTime(index: InventoryIndex, position: number): number | undefined {
  const t = index.creationMs[position];
  return Number.isNaN(t) ? undefined : t;
}

/** Milliseconds since the epoch of an ISO timestamp, or undefined. */
export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}
