import type { Finding, Report, RuleMeta } from '../findings/model.js';
import { severityRank } from '../findings/severity.js';

const STATUS_ORDER: Record<Finding['status'], number> = { open: 0, inconclusive: 1, suppressed: 2 };

/** Display order: most severe first, then open before inconclusive before suppressed, then the engine's order. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severityRank(b.f.severity) - severityRank(a.f.severity) ||
        STATUS_ORDER[a.f.status] - STATUS_ORDER[b.f.status] ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** Rule metadata by id (empty when the report carries none, e.g. an old findings.json). */
export function rulesById(report: Report): Map<string, RuleMeta> {
  return new Map((report.rules ?? []).map((r) => [r.id, r]));
}

/** Formats a USD amount as $1,234.56. */
export function usd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Counts of the baseline diff, or undefined when the report was not compared to a baseline. */
export function baselineCounts(
  report: Report,
): { new: number; unchanged: number; resolved: number } | undefined {
  if (report.resolved === undefined && !report.findings.some((f) => f.baseline)) return undefined;
  let n = 0;
  let u = 0;
  for (const f of report.findings) {
    if (f.baseline === 'new') n++;
    else if (f.baseline === 'unchanged') u++;
  }
  return { new: n, unchanged: u, resolved: report.resolved?.length ?? 0 };
}
