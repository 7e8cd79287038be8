import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { escapeTerminal } from './escape.js';
import { type Finding, type Report, type Severity, severityRank } from './model.js';
import { parseReport } from './validate.js';

/** Reads a previous findings.json to compare against; InputError with location when it is not one. */
export async function loadBaseline(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read baseline: ${(err as Error).message}`, { file: path }, { cause: err });
  }
  return parseReport(text, path);
}

/**
 * Marks each finding `new` or `unchanged` (matched by finding id) and lists in `resolved` the baseline's
 * open findings that are gone. A finding is only resolved when its account and region were in scope and
 * fully covered now: a finding missing because its collector failed, or because its account or region was
 * not scanned this time, is unknown, not fixed.
 */
export function applyBaseline(report: Report, baseline: Report): Report {
  const before = new Set(baseline.findings.map((f) => f.id));
  const now = new Set(report.findings.map((f) => f.id));
  const accounts = report.coverage.accountIds ? new Set(report.coverage.accountIds) : undefined;
  const regions = report.coverage.regions.length > 0 ? new Set(report.coverage.regions) : undefined;
  const outOfScope = (f: Finding) =>
    (accounts !== undefined && !accounts.has(f.resource.account)) ||
    (regions !== undefined && !regions.has(f.resource.region));
  const gapped = (f: Finding) =>
    report.coverage.gaps.some(
      (g) => g.account === f.resource.account && (g.region === '*' || g.region === f.resource.region),
    );
  const findings = report.findings.map(
    (f): Finding => ({ ...f, baseline: before.has(f.id) ? 'unchanged' : 'new' }),
  );
  const resolved = baseline.findings
    .filter((f) => f.status === 'open' && !now.has(f.id) && !outOfScope(f) && !gapped(f))
    .map((f): Finding => {
      const { baseline: _drop, ...rest } = f;
      return rest;
    });
  return { ...report, findings, resolved };
}

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
  const examples = missing.slice(0, SCOPE_EXAMPLES).map(escapeTerminal).join(', ');
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
