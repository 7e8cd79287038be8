import { gapCauses, someAccounts } from '../../findings/gap-causes.js';
import type { Finding, Report } from '../../findings/model.js';
import { escapeHtml, escapeMarkdown as md } from '../escape.js';
import { groupGaps } from '../gaps.js';
import { baselineCounts, bySeverity, rulesById, usd } from '../order.js';
import { SEVERITIES_DESC, SEVERITY_STYLE } from '../severity-style.js';
import type { RenderOptions, RunStatus } from './options.js';

/** GitHub rejects a step summary above 1 MiB; stay a little below so an appended line still fits. */
export const MARKDOWN_MAX_BYTES = 1024 * 1024 - 8 * 1024;
const TOP_FINDINGS = 20;
const RULE_SECTION_ROWS = 1000;

/**
 * PASS / FAIL / INCOMPLETE of a report read on its own (no gate known): any open finding fails; otherwise
 * a coverage gap makes it incomplete. A run passes its own verdict in `RenderOptions.status`.
 */
export function reportStatus(report: Report): RunStatus {
  if (report.summary.open > 0) return 'FAIL';
  if (!report.coverage.complete) return 'INCOMPLETE';
  return 'PASS';
}

function table(head: string[], rows: string[][]): string {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function findingRow(f: Finding): string[] {
  const r = f.resource;
  const mark = f.baseline === 'new' ? ' **NEW**' : '';
  return [
    `${SEVERITY_STYLE[f.severity].label}${mark}`,
    f.status,
    md(f.ruleId),
    `${md(r.account)} / ${md(r.region)}`,
    `${md(r.id)}${r.name !== undefined ? ` (${md(r.name)})` : ''}`,
    md(f.message),
  ];
}

const FINDING_HEAD = ['Severity', 'Status', 'Rule', 'Account / region', 'Resource', 'Message'];

/** A collapsed section; `summary` is raw text (HTML-escaped here: Markdown is not parsed inside <summary>). */
/**
 * The gaps grouped by cause across accounts (an account id inside the error does not split a cause), the
 * largest first, each with a hint: 150 accounts with a wrong --role-name are one row.
 */
function causesTable(report: Report): string {
  const { gaps, accounts } = report.coverage;
  return table(
    ['What to check', 'Gaps', 'Accounts', 'Collectors', 'Regions', 'Error'],
    gapCauses(gaps, accounts.requested).map((g) => [
      md(g.hint),
      String(g.gaps),
      md(someAccounts(g.accounts)),
      g.collectors.map(md).join(', '),
      g.regions.map(md).join(', '),
      md(g.cause),
    ]),
  );
}

function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>\n`;
}

/**
 * Renders summary.md for a GitHub job summary: status first, counts, then sections in <details>. When the
 * byte budget is near, whole sections are left out (never a table cut in half) and a note says which.
 */
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
  const budget = options.markdownMaxBytes ?? MARKDOWN_MAX_BYTES;
  const s = report.summary;
  const status = options.status ?? reportStatus(report);
  const icon = status === 'PASS' ? '✅' : status === 'FAIL' ? '❌' : '⚠️';
  const head: string[] = [];
  head.push(`## ${icon} amiaudit: ${status}\n`);
  head.push(
    `${s.open} open, ${s.suppressed} suppressed, ${s.inconclusive} inconclusive across ${s.resourcesEvaluated} resources; ` +
      `${report.coverage.accounts.scanned}/${report.coverage.accounts.requested} accounts, ${report.coverage.regions.length} regions; ` +
      `as of ${md(report.run.now)}. Estimated monthly snapshot cost of open findings: ${md(usd(s.estimatedMonthlyCostUsd))}.\n`,
  );
  const b = baselineCounts(report);
  if (b) head.push(`Baseline: **${b.new} new**, ${b.unchanged} unchanged, ${b.resolved} resolved.\n`);
  if (!report.coverage.complete) {
    head.push(
      `> [!WARNING]\n> Coverage is incomplete: ${report.coverage.accounts.failed} account(s) failed and ` +
        `${report.coverage.gaps.length} collector gap(s). Findings may be missing.\n`,
    );
  }
  head.push(
    table(
      SEVERITIES_DESC.map((v) => SEVERITY_STYLE[v].label),
      [SEVERITIES_DESC.map((v) => String(s.bySeverity[v] ?? 0))],
    ) + '\n',
  );

  const metas = rulesById(report);
  const sections: Array<{ name: string; text: string }> = [];
  if (report.coverage.gaps.length > 0) {
    sections.push({
      name: 'coverage gaps',
      text: details(
        `Coverage gaps (${report.coverage.gaps.length})`,
        `### Coverage gaps\n\n${causesTable(report)}\n\n#### By account and region\n\n${table(
          ['Account', 'Region', 'Collectors', 'Error'],
          // One row per account-region and error: a disabled region fails every collector alike.
          groupGaps(report.coverage.gaps).map((g) => [
            md(g.account),
            md(g.region),
            g.collectors.map(md).join(', '),
            md(g.error),
          ]),
        )}`,
      ),
    });
  }
  sections.push({
    name: 'rules',
    text: details(
      `Rules (${s.byRule.length})`,
      `### Rules\n\n${table(
        ['Rule', 'Title', 'Severity', 'Evaluated', 'Open', 'Suppressed', 'Inconclusive'],
        s.byRule.map((r) => [
          md(r.ruleId),
          md(r.title ?? metas.get(r.ruleId)?.title ?? ''),
          r.severity ? SEVERITY_STYLE[r.severity].label : '',
          String(r.evaluated),
          String(r.open),
          String(r.suppressed),
          String(r.inconclusive),
        ]),
      )}`,
    ),
  });
  const open = bySeverity(report.findings.filter((f) => f.status !== 'suppressed'));
  if (open.length > 0) {
    const top = open.slice(0, TOP_FINDINGS);
    sections.push({
      name: 'top findings',
      text: details(
        `Top findings (${top.length} of ${open.length})`,
        `### Top findings\n\n${table(FINDING_HEAD, top.map(findingRow))}`,
      ),
    });
  }
  for (const r of s.byRule) {
    const rows = bySeverity(report.findings.filter((f) => f.ruleId === r.ruleId));
    if (rows.length === 0) continue;
    const shown = rows.slice(0, RULE_SECTION_ROWS);
    const more =
      rows.length > shown.length
        ? `\n\n${rows.length - shown.length} more in findings.json / findings.csv.`
        : '';
    sections.push({
      name: `rule ${r.ruleId}`,
      text: details(
        `${r.ruleId}: ${r.open} open, ${r.suppressed} suppressed, ${r.inconclusive} inconclusive`,
        `### ${md(r.ruleId)}\n\n${table(FINDING_HEAD, shown.map(findingRow))}${more}`,
      ),
    });
  }
  if (report.resolved && report.resolved.length > 0) {
    const shown = report.resolved.slice(0, RULE_SECTION_ROWS);
    sections.push({
      name: 'resolved',
      text: details(
        `Resolved since the baseline (${report.resolved.length})`,
        `### Resolved\n\n${table(FINDING_HEAD, shown.map(findingRow))}`,
      ),
    });
  }

  let out = head.join('\n');
  const omitted: string[] = [];
  // Reserve room for the omission note so adding it can never push the total over the budget.
  const reserve = 2048;
  for (const sec of sections) {
    if (Buffer.byteLength(out) + Buffer.byteLength(sec.text) + 1 + reserve <= budget) out += `\n${sec.text}`;
    else omitted.push(sec.name);
  }
  if (omitted.length > 0) {
    const names =
      omitted.length > 20
        ? `${omitted.slice(0, 20).join(', ')} and ${omitted.length - 20} more`
        : omitted.join(', ');
    out += `\n_${omitted.length} section(s) left out to stay under GitHub's 1 MiB summary limit: ${md(names)}. See the full report._\n`;
  }
  return out;
}
