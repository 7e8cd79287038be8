import type { Static, TObject, TProperties } from '@sinclair/typebox';
import type { InventoryIndex } from '../inventory/inventory-index.js';
import type { Collector as CollectorName, ImageRecord, SnapshotRecord } from '../inventory/schema.js';
import type { Issue, RemediationFit, ResourceType } from './terms.js';

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

/**
 * A check type, ESLint-rule style: metadata and behaviour in one module. The rule schema, the collection
 * plan, the remediation fit and the docs page all come from these declarations.
 */
export interface CheckModule<P extends TProperties = TProperties> {
  type: string;
  /** One line: what the check verifies (docs page title). */
  title: string;
  /** Markdown: when it fails, how verdicts are reached (docs page body). */
  description: string;
  /** A rule using it, as YAML (docs page example). */
  example: string;
  /** Resource types its findings are about. */
  resourceTypes: readonly ResourceType[];
  /** Its parameters besides `type`: JSON Schema with descriptions and defaults. */
  params: TObject<P>;
  /** Region-level collectors its data comes from (the images listing always runs). */
  collectors(params: Static<TObject<P>>): readonly CollectorName[];
  remediation: RemediationFit;
  /** Checks what the schema cannot say, on the raw (schema-checked where well-formed) parameters. */
  validate?(params: Record<string, unknown>, issue: Issue): void;
  /** Precompiles a rule's parameters once and returns the runner the engine drives. */
  create(params: Static<TObject<P>>, ctx: CheckContext): CheckRunner;
}

/** Declares a check module (an identity function that keeps the parameter types). */
export function defineCheck<P extends TProperties>(mod: CheckModule<P>): CheckModule<P> {
  return mod;
}

/** Creation time of inventory.images[position] in ms, or undefined when unknown (parsed once per run). */
export function creationTime(index: InventoryIndex, position: number): number | undefined {
  const t = index.creationMs[position];
  return Number.isNaN(t) ? undefined : t;
}
