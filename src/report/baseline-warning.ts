import type { Report } from '../findings/model.js';
import { neutralise } from '../neutralise.js';

/** Below this share of the current scope found in the baseline, most findings would look new. */
const SCOPE_MIN_SHARE = 0.5;
const SCOPE_EXAMPLES = 3;

/** The accounts a report covers: coverage.accountIds, or (older files) the accounts its findings and gaps name. */
function scopeAccounts(report: Report): string[] {
  return (
    report.coverage.accountIds ?? [
      ...new Set([
        ...report.findings.map((f) => f.resource.account),
        ...report.coverage.gaps.map((g) => g.account),
      ]),
    ]
  );
}

/** "1 of 3 accounts (222222222222, …)" style description of what the baseline misses; undefined when it is close enough. */
function scopeMismatch(kind: string, now: readonly string[], before: readonly string[]): string | undefined {
  const current = new Set(now);
  const baseline = new Set(before);
  if (current.size === 0 || baseline.size === 0) return undefined;
  const common = [...current].filter((x) => baseline.has(x)).length;
  if (common / current.size >= SCOPE_MIN_SHARE) return undefined;
  const missing = [...current].filter((x) => !baseline.has(x)).sort();
  const examples = missing.slice(0, SCOPE_EXAMPLES).map(neutralise).join(', ');
  const more = missing.length > SCOPE_EXAMPLES ? `, … ${missing.length - SCOPE_EXAMPLES} more` : '';
  return `only ${common} of ${current.size} ${kind} in common (not in the baseline: ${examples}${more})`;
}

/**
 * One warning line (no newline) when the baseline covers a substantially different scope than the report
 * (fewer than half of the report's accounts or regions are in the baseline, e.g. another organization),
 * so a "47 new, 42 resolved" diff is not taken at face value; undefined when the scopes match well enough.
 */
export function baselineScopeWarning(report: Report, baseline: Report): string | undefined {
  const problems = [
    scopeMismatch('accounts', scopeAccounts(report), scopeAccounts(baseline)),
    scopeMismatch('regions', report.coverage.regions, baseline.coverage.regions),
  ].filter((p): p is string => p !== undefined);
  if (problems.length === 0) return undefined;
  return `amiaudit: warning: the baseline covers a different scope: ${problems.join('; ')}; findings outside the common scope all count as new`;
}
