import type { Finding, Report, RuleMeta } from '../findings/model.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import type { Rule } from '../rules/schema.js';

type Remediation = NonNullable<Finding['remediation']>;

/** A rule's remediation as findings carry it (params only when the rule gives them). */
export function remediationOf(rule: Rule): Remediation | undefined {
  if (!rule.remediation) return undefined;
  const r: Remediation = { action: rule.remediation.action };
  if (rule.remediation.params !== undefined) r.params = rule.remediation.params;
  return r;
}

/** Rule metadata for formatters, keys in the schema's order whatever the rule file's order. */
export function ruleMeta(rule: Rule): RuleMeta {
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

/** The status counts of the report summary: open (also by severity), suppressed, inconclusive. */
export function countFindings(
  findings: readonly Finding[],
): Pick<Report['summary'], 'open' | 'suppressed' | 'inconclusive' | 'bySeverity'> {
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
  return { open, suppressed, inconclusive, bySeverity };
}
