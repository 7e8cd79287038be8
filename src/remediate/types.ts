import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Static, TObject, TProperties } from '@sinclair/typebox';
import type { ActionDefinition } from '../catalog/action.js';
import type { RemediationAction } from '../catalog/action-registry.js';
import type { Reversibility } from '../catalog/terms.js';
import type { Finding, Resource } from '../findings/model.js';
import type { LaunchPermission } from '../inventory/schema.js';

/** One planned change: one resource, one action, merged from every finding that asks for it. */
export interface PlanStep {
  /** `<account>/<region>/<resource id>:<action>`; the journal's key for this step (stable across runs). */
  id: string;
  /** The first finding's id and rule (the journal's intent names them). */
  findingId: string;
  ruleId: string;
  /** Every finding merged into this step, in finding order (duplicates removed). */
  findingIds: string[];
  ruleIds: string[];
  action: RemediationAction;
  resource: Resource;
  params: Record<string, unknown>;
  destructive: boolean;
  reversible: Reversibility;
  iamActions: string[];
  /** The first finding the step came from. */
  finding: Finding;
  /** Every finding merged into this step (evidence for the safety re-checks). */
  findings: Finding[];
}

/** A finding that gets no step, and why (suppressed, inconclusive, no remediation, bad params…). */
export interface Unplanned {
  findingId: string;
  ruleId: string;
  resource: Resource;
  action?: string;
  reason: string;
}

/** A step the planner dropped, the step that supersedes it, and why. */
export interface Superseded {
  step: PlanStep;
  /** The id of the superseding step (the deregistration of the same image). */
  by: string;
  reason: string;
}

/** The output of the planner. */
export interface Plan {
  findingsRunId: string;
  /** The first --max-actions steps not applied yet: what this run is expected to act on. */
  steps: PlanStep[];
  /**
   * The steps after those: "not in this run (cap)" in a dry run. The executor still walks into them
   * when earlier steps are skipped, since only applied or failed steps count against the cap.
   */
  deferred: PlanStep[];
  /** Steps already applied according to the journal (not repeated). */
  done: PlanStep[];
  unplanned: Unplanned[];
  /**
   * Open findings whose remediation the loaded rules do not confirm (rule missing from the pack, or a
   * different action or parameters): never acted on, listed so that an edited findings file is visible.
   */
  refused: Unplanned[];
  /**
   * Steps dropped because a deregistration of the same image in this plan makes them moot (deprecate,
   * disable, tag): acting on an image about to be deregistered only adds undo steps that can never succeed.
   */
  superseded: Superseded[];
  maxActions: number;
  /** Findings left out by --only/--accounts/--regions, and findings whose rule has no remediation. */
  counts: { filteredOut: number; withoutRemediation: number };
}

/** Per-snapshot outcome of DeregisterImage(DeleteAssociatedSnapshots). */
export interface SnapshotResult {
  snapshotId: string;
  returnCode: string;
}

/** What an action's apply returns; all of it goes to the journal. */
export interface ApplyOutcome<U = unknown> {
  /** One human line: what changed. */
  result: string;
  after: unknown;
  /** What undo needs (saved launch permissions, previous tag values…). */
  undo?: U;
  snapshotResults?: SnapshotResult[];
}

/** Live AWS access for one step: clients of the resource's account and region plus mutation pacing. */
export interface StepContext {
  ec2: EC2Client;
  /** Waits for a mutation token of the step's account-region (EC2's image mutation bucket is 5/s). */
  pace(): Promise<void>;
  now: Date;
}

/** Access to other accounts for the in-use re-checks. */
export interface UsageContext {
  ec2(account: string, region: string): EC2Client;
  autoScaling(account: string, region: string): AutoScalingClient;
  /** Home region for DescribeRegions (an AwsSession has it); default us-east-1. */
  readonly region?: string;
}

/** A plan step as its action sees it: the step params typed. */
export type StepOf<P> = Omit<PlanStep, 'params'> & { params: P };

/** The journal entry undo works from. */
export interface UndoInput<P = Record<string, unknown>, S = unknown, U = unknown> {
  step: Pick<StepOf<P>, 'id' | 'action' | 'resource' | 'params'>;
  before: S;
  after: unknown;
  undo: U;
}

/**
 * The AWS side of one remediation action (its metadata is `meta`, from the catalog): planning, live read,
 * apply and undo. `R` are the rule params the catalog validates, `P` the step params it plans, `S` the live
 * state it reads, `U` what undo needs. Methods (not function properties) so that each action's module is
 * usable where the registry holds them all.
 */
export interface ActionModule<
  R extends TProperties = TProperties,
  P extends object = Record<string, unknown>,
  S = unknown,
  U = unknown,
> {
  meta: ActionDefinition<R>;
  /** The step params for a finding, from its rule params (already schema-checked); throws PlanError. */
  plan(finding: Finding, params: Static<TObject<R>>, now: Date): P;
  /**
   * Combines the params of two findings asking for this action on the same resource (one step per
   * resource and action). Absent: the action takes no params, the first one's are kept.
   */
  merge?(a: P, b: P): P;
  /** The step params in a few words (plan table). */
  describe?(params: P): string;
  /** The IAM actions apply needs for these step params, when narrower than `meta.iam.apply`. */
  iamFor?(params: P): readonly string[];
  /** Reads the live state the action changes (journal before-state; input to done()). */
  read(ctx: StepContext, step: StepOf<P>): Promise<S>;
  /** Whether the live state already is the action's target state (idempotent re-runs). */
  done(step: StepOf<P>, before: S): boolean;
  apply(ctx: StepContext, step: StepOf<P>, before: S): Promise<ApplyOutcome<U>>;
  /** What undo needs, from the before-state alone (also used when a crashed run is found applied on re-check). */
  undoData(step: StepOf<P>, before: S): U;
  /** Reverts an applied step; returns one human line. Absent when irreversible. */
  undo?(ctx: StepContext, entry: UndoInput<P, S, U>): Promise<string>;
}

/** A finding cannot be turned into a step (reason goes to the plan's unplanned list). */
export class PlanError extends Error {
  override name = 'PlanError';
}

/** Thrown by an action's undo when the step cannot be reverted (journaled as `irreversible`, not retried). */
export class UndoRefused extends Error {
  override name = 'UndoRefused';
}

/** Thrown by an action's undo when it failed for a reason it states itself (journaled as `failed`, retried by the next undo). */
export class UndoFailed extends Error {
  override name = 'UndoFailed';
}

/** A launch permission as the inventory schema spells it. */
export type Permission = LaunchPermission;

/** The rule-param properties of a catalog action definition. */
export type ParamsOf<D> = D extends ActionDefinition<infer R> ? R : never;
