import { gapCauses, someAccounts } from '../findings/gap-causes.js';
import type { Report } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';
import { neutralise as t } from '../neutralise.js';
import { baselineCounts, usd } from './order.js';
import { SEVERITIES_DESC, SEVERITY_STYLE } from './severity-style.js';

export interface ConsoleOptions {
  color: boolean;
  /** Report files written, listed at the end. */
  paths?: readonly string[];
  /** Most gaps listed individually. */
  maxGaps?: number;
}

/** Colour only for a TTY and when NO_COLOR is unset (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return Boolean(stream.isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** A compact human summary for stderr: counts, top rules, coverage, gaps, report paths. */
export function renderConsoleSummary(report: Report, options: ConsoleOptions): string {
  const paint = (code: string, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = (v: Severity, n: number) => paint(n > 0 ? SEVERITY_STYLE[v].ansi : '2', `${n} ${v}`);
  const s = report.summary;
  const lines: string[] = [];
  const counts = SEVERITIES_DESC.map((v) => sev(v, s.bySeverity[v] ?? 0)).join(', ');
  lines.push(
    `amiaudit: ${paint('1', `${s.open} open`)} (${counts}), ${s.suppressed} suppressed, ${s.inconclusive} inconclusive; ${s.resourcesEvaluated} resources evaluated`,
  );
  if (s.estimatedMonthlyCostUsd > 0)
    lines.push(`  estimated monthly snapshot cost of open findings: ${usd(s.estimatedMonthlyCostUsd)}`);
  const top = [...s.byRule]
    .filter((r) => r.open > 0)
    .sort((a, b) => b.open - a.open || (a.ruleId < b.ruleId ? -1 : 1));
  if (top.length > 0) {
    lines.push(
      `  top rules: ${top
        .slice(0, 5)
        .map((r) => `${t(r.ruleId)} (${r.open})`)
        .join(', ')}`,
    );
  }
  const b = baselineCounts(report);
  if (b) lines.push(`  baseline: ${b.new} new, ${b.unchanged} unchanged, ${b.resolved} resolved`);
  const c = report.coverage;
  if (c.complete) {
    lines.push(
      `  coverage: complete (${c.accounts.scanned}/${c.accounts.requested} accounts, ${c.regions.length} regions)`,
    );
  } else {
    lines.push(
      paint(
        '1;31',
        `  coverage: INCOMPLETE (${c.accounts.failed} of ${c.accounts.requested} accounts failed, ${c.gaps.length} gaps)`,
      ),
    );
    // One line per cause across accounts (an account id inside the error does not split a cause), so
    // 150 accounts with a wrong --role-name are one line with a hint, not 150.
    const max = options.maxGaps ?? 10;
    const causes = gapCauses(c.gaps, c.accounts.requested);
    for (const g of causes.slice(0, max)) {
      const where = g.regions.length > 0 ? `, regions ${g.regions.map(t).join(', ')}` : '';
      lines.push(
        `    ${t(g.hint)} (${g.gaps} gaps: ${g.collectors.map(t).join(', ')}${where}): ${t(g.cause)}`,
      );
      lines.push(`      accounts: ${t(someAccounts(g.accounts))}`);
    }
    if (causes.length > max) lines.push(`    … and ${causes.length - max} more causes (see the report)`);
  }
  if (options.paths && options.paths.length > 0) lines.push(`  reports: ${options.paths.map(t).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
