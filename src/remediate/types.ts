import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { RemediationAction } from '../catalog/action-registry.js';
import type { Finding, Resource } from '../findings/model.js';
import type { LaunchPermission } from '../inventory/schema.js';

/** Reversibility of an action: `recycle-bin` = irreversible unless a Recycle Bin retention rule covers the AMI. */
export type Reversibility = boolean | 'recycle-bin';

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
export interface ApplyOutcome {
  /** One human line: what changed. */
  result: string;
  after: unknown;
  /** What undo needs (saved launch permissions, previous tag values…). */
  undo?: unknown;
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

/** The journal entry undo works from. */
export interface UndoInput {
  step: Pick<PlanStep, 'id' | 'action' | 'resource' | 'params'>;
  before: unknown;
  after: unknown;
  undo: unknown;
}

/** One remediation action: metadata, planning, live read, apply and undo (ESLint-rule style: data + behaviour). */
export interface ActionModule {
  name: RemediationAction;
  /** Can break consumers or lose data (changes to sharing, disable, deregister). */
  destructive: boolean;
  reversible: Reversibility;
  /** IAM actions apply needs (the safety re-checks need the read-only ones listed in safety.ts). */
  iamActions: string[];
  /** The IAM actions apply needs for these step params, when narrower than `iamActions`. */
  iamFor?(params: Record<string, unknown>): string[];
  /** IAM actions undo needs. */
  undoIamActions: string[];
  resourceTypes: Resource['type'][];
  /** Validates the rule's params against the finding and returns the step params; throws PlanError. */
  plan(finding: Finding, now: Date): Record<string, unknown>;
  /**
   * Combines the params of two findings asking for this action on the same resource (one step per
   * resource and action). Absent: the action takes no params, the first one's are kept.
   */
  merge?(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown>;
  /** Reads the live state the action changes (journal before-state; input to done()). */
  read(ctx: StepContext, step: PlanStep): Promise<unknown>;
  /** Whether the live state already is the action's target state (idempotent re-runs). */
  done(step: PlanStep, before: unknown): boolean;
  apply(ctx: StepContext, step: PlanStep, before: unknown): Promise<ApplyOutcome>;
  /** What undo needs, from the before-state alone (also used when a crashed run is found applied on re-check). */
  undoData(step: PlanStep, before: unknown): unknown;
  /** Reverts an applied step; returns one human line. Absent when irreversible. */
  undo?(ctx: StepContext, entry: UndoInput): Promise<string>;
}

/** A finding cannot be turned into a step (reason goes to the plan's unplanned list). */
export class PlanError extends Error {
  override name = 'PlanError';
}

/** Thrown by an action's undo when the step cannot be reverted (journaled as `irreversible`, not retried). */
export class UndoRefused extends Error {
  override name = 'UndoRefused';
}

/** A launch permission as the inventory schema spells it. */
export type Permission = LaunchPermission;
