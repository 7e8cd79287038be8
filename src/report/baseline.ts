import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
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
 * open findings that are gone. A finding is only resolved when its account and region were fully
 * covered now: a finding missing because its collector failed is unknown, not fixed.
 */
export function applyBaseline(report: Report, baseline: Report): Report {
  const before = new Set(baseline.findings.map((f) => f.id));
  const now = new Set(report.findings.map((f) => f.id));
  const gapped = (f: Finding) =>
    report.coverage.gaps.some(
      (g) => g.account === f.resource.account && (g.region === '*' || g.region === f.resource.region),
    );
  const findings = report.findings.map(
    (f): Finding => ({ ...f, baseline: before.has(f.id) ? 'unchanged' : 'new' }),
  );
  const resolved = baseline.findings
    .filter((f) => f.status === 'open' && !now.has(f.id) && !gapped(f))
    .map((f): Finding => {
      const { baseline: _drop, ...rest } = f;
      return rest;
    });
  return { ...report, findings, resolved };
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
