import { readFile } from 'node:fs/promises';
import { InputError, readFailure } from '../errors.js';
import type { Finding, Report } from './model.js';
import { parseReport } from './validate.js';

/** Reads a previous findings.json to compare against; InputError with location when it is not one. */
export async function loadBaseline(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read baseline: ${readFailure(err)}`, { file: path }, { cause: err });
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
