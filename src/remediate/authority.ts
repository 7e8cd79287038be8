import { remediationOf } from '../engine/summary.js';
import type { Finding, Report } from '../findings/model.js';
import { canonicalJson } from '../rules/canonical-json.js';
import type { Rule } from '../rules/schema.js';
import type { Unplanned } from './types.js';

/**
 * findings.json is evidence, not instructions: anyone who can edit a CI artifact can edit it. The
 * remediation a finding asks for is accepted only when the loaded rule pack says the same; the action and
 * its parameters then come from the pack.
 */

/** The loaded rules by id (the pack `remediate --rules` loaded). */
export type RulePack = ReadonlyMap<string, Rule>;

type Remediation = NonNullable<Finding['remediation']>;

/** The pack of a list of loaded rules. */
export function rulePack(rules: readonly Rule[]): RulePack {
  return new Map(rules.map((r) => [r.id, r]));
}

// Absent params and empty params ask for the same thing.
const text = (r: Remediation | undefined): string =>
  r ? canonicalJson({ action: r.action, params: r.params ?? {} }) : 'none';

/** Why the pack does not confirm the remediation a finding asks for, or undefined when it does. */
export function refusalOf(finding: Finding, pack: RulePack): string | undefined {
  const rule = pack.get(finding.ruleId);
  if (!rule) {
    return finding.remediation
      ? `rule ${finding.ruleId} is not in the loaded rules: the file alone cannot choose an action`
      : undefined;
  }
  const ruled = remediationOf(rule);
  if (!ruled && !finding.remediation) return undefined;
  if (text(ruled) === text(finding.remediation)) return undefined;
  return `the file asks for ${text(finding.remediation)}, rule ${rule.id} (${rule.source.file}:${rule.source.line}) says ${text(ruled)}`;
}

/** A report narrowed to the open findings the pack confirms, and the refused ones. */
export interface Authorised {
  report: Report;
  refused: Unplanned[];
}

/**
 * Splits the open findings that `selected` keeps into those whose remediation the pack confirms (kept,
 * with the pack's remediation) and the refused ones. Other findings (filtered out, suppressed,
 * inconclusive) pass through unchanged: the planner counts or lists them, and never acts on them.
 */
export function authorise(report: Report, pack: RulePack, selected: (f: Finding) => boolean): Authorised {
  const refused: Unplanned[] = [];
  const findings: Finding[] = [];
  for (const finding of report.findings) {
    if (finding.status !== 'open' || !selected(finding)) {
      findings.push(finding);
      continue;
    }
    const reason = refusalOf(finding, pack);
    if (reason) {
      refused.push({
        findingId: finding.id,
        ruleId: finding.ruleId,
        resource: finding.resource,
        ...(finding.remediation ? { action: finding.remediation.action } : {}),
        reason,
      });
      continue;
    }
    const rule = pack.get(finding.ruleId);
    const remediation = rule ? remediationOf(rule) : undefined;
    const { remediation: _fromFile, ...rest } = finding;
    findings.push(remediation ? { ...rest, remediation } : rest);
  }
  return { report: { ...report, findings }, refused };
}
