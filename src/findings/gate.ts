import type { Finding, Report } from './model.js';
import { type Severity, severityRank } from './severity.js';

/**
 * The open findings that fail a CI gate: at or above `failOn`, and with `failOnNew` only those not in the
 * baseline (a finding without a baseline mark counts as new, so a missing baseline never hides findings).
 */
export function gateFindings(report: Report, failOn: Severity | 'none', failOnNew = false): Finding[] {
  if (failOn === 'none') return [];
  const min = severityRank(failOn);
  return report.findings.filter(
    (f) =>
      f.status === 'open' && severityRank(f.severity) >= min && (!failOnNew || f.baseline !== 'unchanged'),
  );
}
