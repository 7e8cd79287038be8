import type { CheckContext, CheckRunner, CheckSink } from '../catalog/check.js';
import { createRunner } from '../catalog/check-registry.js';
import { InputError } from '../errors.js';
import { sha256Hex } from '../findings/fingerprint.js';
import {
  FINDINGS_SCHEMA_VERSION,
  type PassedResource,
  type Report,
  type RuleSummary,
} from '../findings/model.js';
import type { Inventory } from '../inventory/inventory.js';
import { buildIndex } from '../inventory/inventory-index.js';
import type { ImageRecord } from '../inventory/schema.js';
import type { LoadedException, Rule } from '../rules/schema.js';
import { roundUsd } from './cost.js';
import { CostTally } from './cost-tally.js';
import { cmp, computeCoverage } from './coverage.js';
import { inventoryDigest } from './digest.js';
import { compileExceptions } from './exceptions.js';
import { compareFindings } from './finding.js';
import { compileRuleScope, type SubjectMatcher } from './scope.js';
import { countFindings, remediationOf, ruleMeta } from './summary.js';
import { EvaluationTally } from './tally.js';

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
  const images = inventory.images;
  const byRule: RuleSummary[] = [];
  const tally = new EvaluationTally(
    inventory,
    new CostTally(index),
    exceptions,
    input.includePassed === true,
  );

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
    const { inScope } = shared;
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
    const sink = tally.sinkFor(rule, summary, remediationOf(rule));

    judgeImages(rule, runner, sink, tally, shared);
    runner.finish?.(sink);
  }

  const findings = tally.findings;
  findings.sort(compareFindings);

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
      resourcesEvaluated: tally.resourcesEvaluated(),
      ...countFindings(findings),
      byRule,
      estimatedMonthlyCostUsd: roundUsd(tally.cost.total),
    },
    rules: input.rules.map(ruleMeta),
    exceptions: { expired: exceptions.expired, stale: exceptions.stale() },
    findings,
    ...(tally.passed ? { passed: sortPassed(tally.passed) } : {}),
  };
}

/** Passed resources in report order (account, region, id) within each rule. */
function sortPassed(passed: Record<string, PassedResource[]>): Record<string, PassedResource[]> {
  for (const list of Object.values(passed)) {
    list.sort((a, b) => cmp(a.account, b.account) || cmp(a.region, b.region) || cmp(a.id, b.id));
  }
  return passed;
}

/**
 * Runs a rule's per-image judgement over every in-scope image. Scope verdicts are computed once per image and
 * shared by the rules with the same scope; a check that throws on an image reports it as inconclusive.
 */
function judgeImages(
  rule: Rule,
  runner: CheckRunner,
  sink: CheckSink,
  tally: EvaluationTally,
  scope: { inScope: SubjectMatcher; verdicts: Uint8Array },
): void {
  const judgeImage = runner.image;
  if (judgeImage === undefined) return;
  const images = tally.inventory.images;
  const { inScope, verdicts } = scope;
  // One reused subject object: scoping a million images must not allocate a million wrappers.
  const subject: { type: 'ec2:image'; image: ImageRecord } = { type: 'ec2:image', image: images[0] };
  for (let i = 0; i < images.length; i++) {
    const img = images[i];
    let verdict = verdicts[i];
    if (verdict === 0) {
      subject.image = img;
      verdict = inScope(subject) ? 1 : 2;
      verdicts[i] = verdict;
    }
    if (verdict === 2) continue;
    tally.current = i;
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
  tally.current = -1;
}
