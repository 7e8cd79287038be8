import { ACTION_DEFINITIONS } from '../catalog/action-registry.js';
import { DEFAULT_HOLD_TAG } from '../catalog/hold-tag.js';
import { remediationFacts } from '../findings/remediation-facts.js';
import { describeImage, type LiveImage, permissionLabel, readLaunchPermissions } from './live.js';
import type { PlanStep, StepContext, UsageContext } from './types.js';
import { findUsage, type UsageHit } from './usage.js';

/** Read-only IAM actions the live re-checks need (in every account whose usage is checked). */
export const SAFETY_IAM_ACTIONS = [
  'ec2:DescribeImages',
  'ec2:DescribeImageAttribute',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeRegions',
  'ec2:DescribeSnapshots',
  'ec2:GetImageBlockPublicAccessState',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeAutoScalingGroups',
  'organizations:DescribeOrganization',
  'organizations:ListAccounts',
];

export interface SafetyOptions {
  usage: UsageContext;
  /** Accounts always checked for usage besides the owner and the AMI's live consumers (report accounts, --accounts, org). */
  accounts: readonly string[];
  /** The scanned organization (id + ACTIVE accounts), for org/OU shares; undefined or rejecting = unknown. */
  organization?: () => Promise<{ id: string; accounts: string[] }>;
  /** The findings report's `run.now`: launches after it mean the AMI is in use again. */
  reportNow: Date;
  /** Extra hold tag keys (the rules' holdTag values). */
  holdTags?: readonly string[];
  /**
   * Whether a region is enabled in an account (DescribeRegions, cached per account); undefined =
   * unknown. Consulted only when a usage check call fails: a region that is not enabled cannot run
   * anything, so that account is left out of the usage check.
   */
  regionEnabled?: (account: string, region: string) => Promise<boolean | undefined>;
}

/** What the re-checks noted without doubting (goes to the journal's result record). */
export type SafetyEvidence = {
  /** Accounts left out of the usage check: `{ account, region, reason: 'region not enabled' }`. */
  usageNotChecked?: { account: string; region: string; reason: string }[];
};

export type SafetyVerdict =
  | { ok: true; image?: LiveImage; evidence?: SafetyEvidence }
  | { ok: false; reason: string; evidence?: SafetyEvidence };

const ORG_ID = /\b(o-[a-z0-9]{10,32})\b/;

/** Why an AMI is managed by another controller (DLM, Image Builder, AWS Backup), or undefined. */
export function managedBy(image: LiveImage): string | undefined {
  const keys = Object.keys(image.tags);
  const dlm = keys.find((k) => k.startsWith('aws:dlm:') || k === 'dlm:managed');
  if (dlm) return `managed by Data Lifecycle Manager (tag ${dlm})`;
  if (image.tags.CreatedBy === 'EC2 Image Builder' || 'Ec2ImageBuilderArn' in image.tags) {
    return 'managed by EC2 Image Builder (CreatedBy / Ec2ImageBuilderArn tag)';
  }
  if ('aws:backup:source-resource' in image.tags)
    return 'managed by AWS Backup (tag aws:backup:source-resource)';
  if (image.ownerAlias === 'aws-backup-vault') return 'managed by AWS Backup (owner alias aws-backup-vault)';
  if (image.name?.startsWith('AwsBackup')) return 'managed by AWS Backup (name prefix AwsBackup)';
  if (image.tags['aws:recycle-bin:resource-in-bin'] === 'true') return 'in the Recycle Bin';
  return undefined;
}

/** Whether deregistration protection is on, including the cooldown of "disabled after <time>". */
export function isProtected(value: string | undefined, now: Date): boolean {
  if (!value) return false;
  if (value.startsWith('enabled')) return true;
  const cooldown = /^disabled after (.+)$/.exec(value);
  if (cooldown) {
    const until = Date.parse(cooldown[1]);
    return Number.isNaN(until) || until > now.getTime();
  }
  return false;
}

/**
 * Compares the image the report saw with the live one, over every identity field the step's
 * findings carry (name from the resource, creationDate and state from the evidence); returns the
 * first difference or doubt. Without any creationDate an image is not identified precisely enough
 * for a destructive action; tag and deprecate then need at least the name to match.
 */
function changedSinceReport(step: PlanStep, image: LiveImage): string | undefined {
  const { resource } = step;
  if (resource.name !== undefined && image.name !== resource.name) {
    return `name changed since the report (${JSON.stringify(resource.name)} → ${JSON.stringify(image.name ?? null)})`;
  }
  const facts = step.findings.map(remediationFacts);
  const created = facts.flatMap((f) => (f.creationDate !== undefined ? [f.creationDate] : []));
  for (const c of created) {
    if (!image.creationDate || Date.parse(c) !== Date.parse(image.creationDate)) {
      return `creation date changed since the report (${c} → ${image.creationDate ?? 'none'}): not the same image`;
    }
  }
  for (const { state } of facts) {
    if (state !== undefined && image.state !== state) {
      return `state changed since the report (${state} → ${image.state})`;
    }
  }
  if (created.length === 0) {
    // Actions that change nothing a consumer relies on may go on a name match alone.
    if (ACTION_DEFINITIONS[step.action].destructive) {
      return 'the report does not identify the image precisely enough (no creation date in the finding)';
    }
    if (resource.name === undefined) {
      return 'the report does not identify the image precisely enough (neither name nor creation date)';
    }
  }
  return undefined;
}

/** The consumer accounts of an AMI from its live launch permissions, or why they cannot be known. */
async function consumerAccounts(
  step: PlanStep,
  ctx: StepContext,
  opts: SafetyOptions,
): Promise<{ accounts: string[] } | { reason: string }> {
  const perms = await readLaunchPermissions(ctx.ec2, step.resource.id);
  const accounts = perms.flatMap((p) => (p.userId ? [p.userId] : []));
  const orgShares = perms.filter((p) => p.organizationArn || p.organizationalUnitArn);
  if (orgShares.length === 0) return { accounts };
  if (!opts.organization) {
    return {
      reason: `shared with ${orgShares.map(permissionLabel).join(', ')}: pass --org so its accounts can be checked`,
    };
  }
  let org: { id: string; accounts: string[] };
  try {
    org = await opts.organization();
  } catch (err) {
    return {
      reason: `shared with an organization/OU, but the organization cannot be read: ${(err as Error).message}`,
    };
  }
  for (const p of orgShares) {
    const id = ORG_ID.exec(p.organizationArn ?? p.organizationalUnitArn ?? '')?.[1];
    if (id !== org.id)
      return { reason: `shared with ${permissionLabel(p)} outside the scanned organization` };
  }
  // An OU share is checked across the whole organization: a superset, never less.
  return { accounts: [...accounts, ...org.accounts] };
}

async function lifecycleChecks(
  step: PlanStep,
  image: LiveImage,
  ctx: StepContext,
  opts: SafetyOptions,
  evidence: SafetyEvidence,
): Promise<string | undefined> {
  const facts = step.findings.map(remediationFacts);
  for (const f of facts) {
    if (f.verdict !== undefined && f.verdict !== 'unused') {
      return `usage verdict in the report is ${f.verdict}, not unused`;
    }
    if (f.inUse === true) return 'the report says it is in use';
  }
  if (isProtected(image.deregistrationProtection, ctx.now)) {
    return `deregistration protection is ${image.deregistrationProtection}`;
  }
  const holdTags = new Set([DEFAULT_HOLD_TAG, ...(opts.holdTags ?? [])]);
  for (const f of facts) if (f.holdTag !== undefined) holdTags.add(f.holdTag);
  const held = [...holdTags].find((k) => k in image.tags);
  if (held) return `hold tag ${held} is set`;
  const managed = managedBy(image);
  if (managed) return managed;
  if (image.lastLaunchedTime && Date.parse(image.lastLaunchedTime) > opts.reportNow.getTime()) {
    return `launched at ${image.lastLaunchedTime}, after the report`;
  }
  // Stopping launches of a public AMI: its consumers cannot be enumerated, so it is refused.
  if (ACTION_DEFINITIONS[step.action].destructive && image.public) {
    return 'public: launches by accounts outside the scan cannot be ruled out (make it private first)';
  }
  const consumers = await consumerAccounts(step, ctx, opts);
  if ('reason' in consumers) return consumers.reason;
  const owner = step.resource.account;
  const region = step.resource.region;
  const accounts = [...new Set([owner, ...opts.accounts, ...consumers.accounts])];
  let doubt: string | undefined;
  for (const account of accounts) {
    let use: UsageHit | undefined;
    try {
      use = await findUsage(
        opts.usage.ec2(account, region),
        opts.usage.autoScaling(account, region),
        step.resource.id,
      );
    } catch (err) {
      // AWS answers every call in a region the account has not enabled with an auth error; only
      // DescribeRegions can tell that apart from a real failure (which stays doubt).
      if (account !== owner && (await opts.regionEnabled?.(account, region)) === false) {
        evidence.usageNotChecked = [
          ...(evidence.usageNotChecked ?? []),
          { account, region, reason: 'region not enabled' },
        ];
        continue;
      }
      return `cannot check usage in ${account}/${region}: ${(err as Error).message}`;
    }
    if (use?.certain) return `in use: ${use.what} in ${account}/${region}`;
    if (use) doubt ??= `may be in use: ${use.what} in ${account}/${region}`;
  }
  return doubt;
}

/**
 * Re-checks live state right before a step. Every doubt (including a failed check call) is a skip
 * with the reason; only an explicit all-clear lets the step run.
 */
export async function checkSafety(
  step: PlanStep,
  ctx: StepContext,
  opts: SafetyOptions,
): Promise<SafetyVerdict> {
  if (step.finding.status !== 'open') return { ok: false, reason: `finding is ${step.finding.status}` };
  if (step.resource.type !== 'ec2:image') return { ok: true };
  try {
    const image = await describeImage(ctx.ec2, step.resource.id);
    if (!image) return { ok: false, reason: 'the image no longer exists' };
    if (image.ownerId && image.ownerId !== step.resource.account) {
      return { ok: false, reason: `owned by ${image.ownerId}, not ${step.resource.account}` };
    }
    const changed = changedSinceReport(step, image);
    if (changed) return { ok: false, reason: changed };
    const evidence: SafetyEvidence = {};
    const noted = () => (Object.keys(evidence).length ? { evidence } : {});
    if (ACTION_DEFINITIONS[step.action].kind === 'lifecycle') {
      const reason = await lifecycleChecks(step, image, ctx, opts, evidence);
      if (reason) return { ok: false, reason, ...noted() };
    }
    return { ok: true, image, ...noted() };
  } catch (err) {
    return { ok: false, reason: `live re-check failed: ${(err as Error).message}` };
  }
}
