import type { CheckContext, CheckRunner, CheckSink, FindingDraft } from '../catalog/check.js';
import { createRunner } from '../catalog/check-registry.js';
import { InputError } from '../errors.js';
import { fingerprint, flatString, sha256Hex } from '../findings/fingerprint.js';
import {
  FINDINGS_SCHEMA_VERSION,
  type Finding,
  type PassedResource,
  type Report,
  type Resource,
  type RuleMeta,
  type RuleSummary,
} from '../findings/model.js';
import { recordIdentity } from '../findings/remediation-facts.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import type { Inventory } from '../inventory/inventory.js';
import { buildIndex } from '../inventory/inventory-index.js';
import type { ImageRecord } from '../inventory/schema.js';
import type { LoadedException, Rule } from '../rules/schema.js';
import { roundUsd } from './cost.js';
import { CostTally } from './cost-tally.js';
import { cmp, computeCoverage } from './coverage.js';
import { inventoryDigest } from './digest.js';
import { compileExceptions } from './exceptions.js';
import { compareFindings, FindingObject } from './finding.js';
import { toResource } from './resource.js';
import { compileRuleScope, type SubjectMatcher } from './scope.js';

type Remediation = NonNullable<Finding['remediation']>;

/** Everything evaluate() needs; it reads nothing else (no clock, no network, no files). */
export interface EvaluateInput {
  inventory: Inventory;
  rules: Rule[];
  exceptions: LoadedException[];
  now: Date;
  rulesDigest: string;
  toolVersion: string;
  /** Digest of the inventory bytes when the caller has one; otherwise a digest of its key fields is computed. */
  inventoryDigest?: string;
  /** Also list every resource evaluated without a finding in `report.passed` (JUnit passes; large at scale). */
  includePassed?: boolean;
}

/** Rule metadata for formatters, keys in the schema's order whatever the rule file's order. */
function ruleMeta(rule: Rule): RuleMeta {
  const remediation = remediationOf(rule);
  return {
    id: rule.id,
    title: rule.title,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    severity: rule.severity,
    type: rule.check.type,
    file: rule.source.file,
    line: rule.source.line,
    ...(rule.references !== undefined ? { references: rule.references } : {}),
    ...(remediation !== undefined ? { remediation } : {}),
  };
}

function remediationOf(rule: Rule): Remediation | undefined {
  if (!rule.remediation) return undefined;
  const r: Remediation = { action: rule.remediation.action };
  if (rule.remediation.params !== undefined) r.params = rule.remediation.params;
  return r;
}

function countFlags(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i];
  return n;
}

/**
 * Evaluates rules against an inventory as of `now` and returns the findings report. Pure and deterministic:
 * the same input always gives a report that serialises to the same bytes. Throws InputError (with the rule's
 * file and line) when a rule cannot be compiled, e.g. an invalid regex.
 */
export function evaluate(input: EvaluateInput): Report {
  const { inventory, now } = input;
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new InputError('evaluate: `now` is not a valid date');
  const index = buildIndex(inventory);
  const exceptions = compileExceptions(input.exceptions, nowMs, index);
  const findings: Finding[] = [];
  const byRule: RuleSummary[] = [];
  const images = inventory.images;
  // Distinct resources evaluated by any rule, as flags by position (far cheaper than sets of a million
  // objects); account-regions, a few thousand, by id.
  const imageEvaluated = new Uint8Array(images.length);
  const snapshotEvaluated = new Uint8Array(inventory.snapshots.length);
  const accountRegionsEvaluated = new Set<string>();
  // Position of the image whose image() call is running, so the sink need not look it up.
  let current = -1;
  let positions: Map<ImageRecord, number> | undefined;
  const positionOf = (img: ImageRecord, hint: number | undefined): number => {
    if (hint !== undefined) return hint;
    if (current >= 0 && images[current] === img) return current;
    positions ??= new Map(images.map((im, i) => [im, i]));
    const pos = positions.get(img);
    if (pos === undefined) throw new Error(`image ${img.imageId} is not in the inventory`);
    return pos;
  };
  // Findings of several rules on one resource share its resource object: identical JSON, far less memory.
  const imageResources = new Array<Resource | undefined>(images.length);
  const otherResources = new Map<unknown, Resource>();
  const cost = new CostTally(index);
  const passed: Record<string, PassedResource[]> | undefined = input.includePassed ? {} : undefined;

  // Rules with the same scope and exclude (the default pack shares one exclude) share one compiled
  // matcher and one per-image verdict table: 0 = not computed yet, 1 = in scope, 2 = out of scope.
  const scopes = new Map<string, { inScope: SubjectMatcher; verdicts: Uint8Array }>();

  for (const rule of input.rules) {
    const scopeKey = JSON.stringify([rule.scope ?? null, rule.exclude ?? null]);
    let shared = scopes.get(scopeKey);
    if (!shared) {
      shared = {
        inScope: compileRuleScope(rule.scope, rule.exclude, index),
        verdicts: new Uint8Array(images.length),
      };
      scopes.set(scopeKey, shared);
    }
    const { inScope, verdicts } = shared;
    const ctx: CheckContext = {
      index,
      now,
      nowMs,
      accountRegionInScope: (account, region) => inScope({ type: 'account-region', account, region }),
    };
    let runner: CheckRunner;
    try {
      runner = createRunner(rule.check, ctx);
    } catch (err) {
      throw new InputError(`rule ${rule.id}: ${(err as Error).message}`, rule.source, { cause: err });
    }
    const summary: RuleSummary = {
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      evaluated: 0,
      open: 0,
      suppressed: 0,
      inconclusive: 0,
    };
    byRule.push(summary);
    const remediation = remediationOf(rule);
    const excepted = exceptions.covers(rule.id);
    const passedHere: PassedResource[] | undefined = passed ? [] : undefined;
    if (passed && passedHere) passed[rule.id] = passedHere;

    const sink: CheckSink = {
      pass(img, position) {
        summary.evaluated++;
        imageEvaluated[positionOf(img, position)] = 1;
        passedHere?.push({ account: img.account, region: img.region, id: img.imageId });
      },
      passSnapshot(position) {
        summary.evaluated++;
        snapshotEvaluated[position] = 1;
        const snap = inventory.snapshots[position];
        passedHere?.push({ account: snap.account, region: snap.region, id: snap.snapshotId });
      },
      passAccountRegion(id) {
        summary.evaluated++;
        accountRegionsEvaluated.add(id);
        if (passedHere) {
          const [account, region] = id.split('/');
          passedHere.push({ account, region, id });
        }
      },
      finding(draft: FindingDraft) {
        summary.evaluated++;
        const s = draft.subject;
        const exception = excepted ? exceptions.find(rule.id, s) : undefined;
        const status = exception ? 'suppressed' : draft.status;
        summary[status]++;
        let resource: Resource | undefined;
        let usd: number | undefined;
        if (s.type === 'ec2:image') {
          const pos = positionOf(s.image, s.position);
          imageEvaluated[pos] = 1;
          resource = imageResources[pos];
          if (!resource) {
            resource = toResource(s);
            imageResources[pos] = resource;
          }
          usd = cost.image(s.image, pos);
          if (status === 'open') cost.countImage(s.image, pos);
          // Remediation re-checks that the live AMI is the one reported: give it the identity to compare.
          if (remediation) recordIdentity(draft.evidence, s.image);
        } else {
          const key = s.type === 'ec2:snapshot' ? s.snapshot : `${s.account}/${s.region}`;
          resource = otherResources.get(key);
          if (!resource) {
            resource = toResource(s);
            otherResources.set(key, resource);
          }
          if (s.type === 'ec2:snapshot') {
            snapshotEvaluated[s.snapshotPosition] = 1;
            usd = cost.snapshot(s.snapshotPosition);
            if (status === 'open') cost.countSnapshot(s.snapshotPosition);
          } else accountRegionsEvaluated.add(resource.id);
        }
        findings.push(
          new FindingObject(
            fingerprint(rule.id, resource.account, resource.region, resource.id),
            rule,
            status,
            resource,
            flatString(draft.message),
            draft.evidence,
            remediation,
            exception && { reason: exception.reason, owner: exception.owner, expires: exception.expires },
            usd === undefined ? undefined : roundUsd(usd),
          ),
        );
      },
    };

    // One reused subject object: scoping a million images must not allocate a million wrappers.
    const subject: { type: 'ec2:image'; image: ImageRecord } = { type: 'ec2:image', image: images[0] };
    const judgeImage = runner.image;
    for (let i = 0; judgeImage !== undefined && i < images.length; i++) {
      const img = images[i];
      let verdict = verdicts[i];
      if (verdict === 0) {
        subject.image = img;
        verdict = inScope(subject) ? 1 : 2;
        verdicts[i] = verdict;
      }
      if (verdict === 2) continue;
      current = i;
      try {
        judgeImage.call(runner, img, sink, i);
      } catch (err) {
        // A check that throws must never read as a pass (cdk-nag's rule): report it, inconclusive.
        sink.finding({
          subject: { type: 'ec2:image', image: img },
          status: 'inconclusive',
          message: `Rule ${rule.id} could not evaluate AMI ${img.imageId}: ${(err as Error).message}`,
          evidence: { error: (err as Error).message },
        });
      }
    }
    current = -1;
    runner.finish?.(sink);
  }

  findings.sort(compareFindings);

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let open = 0;
  let suppressed = 0;
  let inconclusive = 0;
  for (const f of findings) {
    if (f.status === 'open') {
      open++;
      bySeverity[f.severity]++;
    } else if (f.status === 'suppressed') suppressed++;
    else inconclusive++;
  }

  const nowIso = now.toISOString();
  const invDigest = input.inventoryDigest ?? inventoryDigest(inventory);
  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: 'amiaudit', version: input.toolVersion },
    run: {
      id: sha256Hex(`${input.rulesDigest}\u0000${invDigest}\u0000${nowIso}`).slice(0, 16),
      startedAt: inventory.collectedAt,
      finishedAt: inventory.collectedAt,
      now: nowIso,
      rulesDigest: input.rulesDigest,
    },
    coverage: computeCoverage(index),
    summary: {
      resourcesEvaluated:
        countFlags(imageEvaluated) + countFlags(snapshotEvaluated) + accountRegionsEvaluated.size,
      open,
      suppressed,
      inconclusive,
      bySeverity,
      byRule,
      estimatedMonthlyCostUsd: roundUsd(cost.total),
    },
    rules: input.rules.map(ruleMeta),
    exceptions: { expired: exceptions.expired, stale: exceptions.stale() },
    findings,
    ...(passed ? { passed: sortPassed(passed) } : {}),
  };
}

/** Passed resources in report order (account, region, id) within each rule. */
function sortPassed(passed: Record<string, PassedResource[]>): Record<string, PassedResource[]> {
  for (const list of Object.values(passed)) {
    list.sort((a, b) => cmp(a.account, b.account) || cmp(a.region, b.region) || cmp(a.id, b.id));
  }
  return passed;
}
