import { createHash } from 'node:crypto';
import { gapCauses, someAccounts } from '../../findings/gap-causes.js';
import type { ExceptionStatus, Finding, Report, RuleSummary } from '../../findings/model.js';
import type { Severity } from '../../findings/severity.js';
import { severityRank } from '../../findings/severity.js';
import { neutralise as n } from '../../neutralise.js';
import { escapeHtmlBlock, escapeHtml as h, jsonForScript } from '../escape.js';
import { groupGaps } from '../gaps.js';
import { baselineCounts, bySeverity, rulesById, usd } from '../order.js';
import { SEVERITIES_DESC, SEVERITY_STYLE } from '../severity-style.js';
import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLE } from './html-style.js';
import type { RenderOptions } from './options.js';

/** Findings rendered as table rows by default; the rest stay in findings.json / findings.csv. */
export const HTML_MAX_ROWS = 10_000;
const MATRIX_MAX_ACCOUNTS = 200;
const GAPS_SHOWN = 100;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The Content-Security-Policy of the report: nothing but the inline style and script it ships with. */
export const HTML_CSP =
  `default-src 'none'; style-src 'sha256-${sha256(HTML_STYLE)}'; script-src 'sha256-${sha256(HTML_SCRIPT)}'; ` +
  `img-src data:; base-uri 'none'; form-action 'none'`;

function sevBadge(s: Severity): string {
  return `<span class="sev ${s}">${SEVERITY_STYLE[s].label}</span>`;
}

function header(report: Report): string {
  const c = report.coverage;
  const accounts = c.accountIds?.length ? ` <span class="mono">${c.accountIds.map(h).join(', ')}</span>` : '';
  return `<header>
<h1>AMI audit report</h1>
<div class="meta">
<span>Evaluated as of <b>${h(report.run.now)}</b></span>
<span>Run <b>${h(report.run.startedAt)}</b> → <b>${h(report.run.finishedAt)}</b></span>
<span>Accounts <b>${c.accounts.scanned}/${c.accounts.requested}</b> scanned${accounts}</span>
<span>Regions <b>${c.regions.length}</b> <span class="mono">${c.regions.map(h).join(', ')}</span></span>
<span>Coverage <b>${c.complete ? 'complete' : 'INCOMPLETE'}</b></span>
<span>amiaudit <b>${h(report.tool.version)}</b></span>
<span>Rules <span class="mono">${h(report.run.rulesDigest)}</span></span>
</div>
</header>`;
}

function banner(report: Report): string {
  const c = report.coverage;
  if (c.complete)
    return '<div class="ok-banner">Coverage complete: every requested account, region and collector succeeded.</div>';
  // One row per cause across accounts (150 accounts with a wrong --role-name are one row with a hint);
  // the detail has one row per account-region and error (a disabled region fails every collector alike).
  const causes = gapCauses(c.gaps, c.accounts.requested);
  const groups = groupGaps(c.gaps);
  const shown = groups.slice(0, GAPS_SHOWN);
  const more =
    groups.length > shown.length
      ? `<p>… and ${groups.length - shown.length} more (see findings.json).</p>`
      : '';
  return `<section class="banner" role="alert" id="coverage">
<h2>⚠ INCOMPLETE AUDIT: findings may be missing</h2>
<p><b>${c.accounts.failed}</b> of ${c.accounts.requested} account(s) failed and <b>${c.gaps.length}</b> collector gap(s) were recorded. An incomplete audit is not a clean audit.</p>
<div class="wrap"><table><thead><tr><th>What to check</th><th>Gaps</th><th>Accounts</th><th>Collectors</th><th>Regions</th><th>Error</th></tr></thead><tbody>
${causes.map((g) => `<tr><td><b>${h(g.hint)}</b></td><td>${g.gaps}</td><td class="mono">${h(someAccounts(g.accounts))}</td><td>${g.collectors.map(h).join(', ')}</td><td class="mono">${g.regions.map(h).join(', ')}</td><td>${h(g.cause)}</td></tr>`).join('\n')}
</tbody></table></div>
<details><summary>By account and region (${groups.length})</summary>
<div class="wrap"><table><thead><tr><th>Account</th><th>Region</th><th>Collectors</th><th>Error</th></tr></thead><tbody>
${shown.map((g) => `<tr><td class="mono">${h(g.account)}</td><td class="mono">${h(g.region)}</td><td>${g.collectors.map(h).join(', ')}</td><td>${h(g.error)}</td></tr>`).join('\n')}
</tbody></table></div>${more}
</details>
</section>`;
}

function cards(report: Report): string {
  const s = report.summary;
  const sev = SEVERITIES_DESC.map(
    (v) =>
      `<div class="card sev-${v}"><div class="n">${s.bySeverity[v] ?? 0}</div><div class="l">${SEVERITY_STYLE[v].label} open</div></div>`,
  );
  const b = baselineCounts(report);
  const other = [
    ['Resources evaluated', String(s.resourcesEvaluated)],
    ['Suppressed', String(s.suppressed)],
    ['Inconclusive', String(s.inconclusive)],
    ['Est. monthly cost', usd(s.estimatedMonthlyCostUsd)],
    ...(b ? [['New / resolved', `${b.new} / ${b.resolved}`]] : []),
  ].map(([l, n]) => `<div class="card other"><div class="n">${h(n)}</div><div class="l">${h(l)}</div></div>`);
  return `<section id="summary"><h2>Summary</h2><div class="cards">${[...sev, ...other].join('')}</div></section>`;
}

const BAR_W = 180;

function bar(r: RuleSummary): string {
  const total = Math.max(r.evaluated, r.open + r.suppressed + r.inconclusive, 1);
  const pass = Math.max(0, r.evaluated - r.open - r.suppressed - r.inconclusive);
  let x = 0;
  const parts = (
    [
      ['open', r.open],
      ['inconclusive', r.inconclusive],
      ['suppressed', r.suppressed],
      ['pass', pass],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([cls, n]) => {
      const w = (n / total) * BAR_W;
      const rect = `<rect class="${cls}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="12"><title>${cls}: ${n}</title></rect>`;
      x += w;
      return rect;
    });
  return `<svg class="bar" width="${BAR_W}" height="12" viewBox="0 0 ${BAR_W} 12" role="img" aria-label="${r.open} open, ${r.inconclusive} inconclusive, ${r.suppressed} suppressed, ${pass} passed of ${r.evaluated}">${parts.join('')}</svg>`;
}

function rulesTable(report: Report): string {
  const metas = rulesById(report);
  const cost = new Map<string, number>();
  for (const f of report.findings) {
    if (f.status === 'open' && f.estimatedMonthlyCostUsd)
      cost.set(f.ruleId, (cost.get(f.ruleId) ?? 0) + f.estimatedMonthlyCostUsd);
  }
  const rows = report.summary.byRule.map((r) => {
    const meta = metas.get(r.ruleId);
    const sev = r.severity ?? meta?.severity;
    const title = r.title ?? meta?.title ?? '';
    return `<tr><td>${sev ? sevBadge(sev) : ''}</td><td class="mono nw">${h(r.ruleId)}</td><td>${h(title)}</td>
<td class="num">${r.evaluated}</td><td class="num">${r.open}</td><td class="num">${r.suppressed}</td><td class="num">${r.inconclusive}</td>
<td class="num">${usd(cost.get(r.ruleId) ?? 0)}</td><td>${bar(r)}</td></tr>`;
  });
  // The summary total counts each resource once; a resource flagged by several rules is in several rows.
  const costNote =
    cost.size > 0
      ? `<p class="muted footnote" id="rule-cost-note">* Est. $/month per rule counts a resource once for every rule that flags it, so the rows can add up to more than the ${usd(report.summary.estimatedMonthlyCostUsd)} total in the summary, which counts each resource once.</p>`
      : '';
  return `<section id="rules"><h2>Rules</h2>
<p class="legend muted"><span><i class="open"></i>open</span><span><i class="inconclusive"></i>inconclusive</span><span><i class="suppressed"></i>suppressed</span><span><i class="pass"></i>passed</span></p>
<div class="wrap"><table><thead><tr><th>Severity</th><th>Rule</th><th>Title</th><th class="num">Evaluated</th><th class="num">Open</th><th class="num">Suppressed</th><th class="num">Inconclusive</th><th class="num">Est. $/month${cost.size > 0 ? '*' : ''}</th><th>Share of evaluated</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>${costNote}</section>`;
}

function matrix(report: Report): string {
  const regions = [
    ...new Set([...report.coverage.regions, ...report.findings.map((f) => f.resource.region)]),
  ].sort();
  const cells = new Map<string, { open: number; worst: number }>();
  const totals = new Map<string, number>();
  for (const f of report.findings) {
    if (f.status !== 'open') continue;
    const key = `${f.resource.account}\u0000${f.resource.region}`;
    const c = cells.get(key) ?? { open: 0, worst: -1 };
    c.open++;
    c.worst = Math.max(c.worst, severityRank(f.severity));
    cells.set(key, c);
    totals.set(f.resource.account, (totals.get(f.resource.account) ?? 0) + 1);
  }
  const gapped = new Set(report.coverage.gaps.map((g) => `${g.account}\u0000${g.region}`));
  const accountsAll = [
    ...new Set([
      ...(report.coverage.accountIds ?? []),
      ...report.findings.map((f) => f.resource.account),
      ...report.coverage.gaps.map((g) => g.account),
    ]),
  ].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const accounts = accountsAll.slice(0, MATRIX_MAX_ACCOUNTS);
  const sevs = [...SEVERITIES_DESC].reverse();
  const rows = accounts.map((a) => {
    const tds = regions.map((r) => {
      const c = cells.get(`${a}\u0000${r}`);
      if (gapped.has(`${a}\u0000${r}`) || gapped.has(`${a}\u0000*`)) {
        return `<td class="gap" title="coverage gap">${c ? c.open : ''} gap</td>`;
      }
      if (!c) return '<td class="zero">0</td>';
      return `<td class="h-${sevs[c.worst]}">${c.open}</td>`;
    });
    return `<tr><th class="mono">${h(a)}</th>${tds.join('')}<td class="num"><b>${totals.get(a) ?? 0}</b></td></tr>`;
  });
  const more =
    accountsAll.length > accounts.length
      ? `<p class="muted">Showing the ${accounts.length} accounts with the most open findings of ${accountsAll.length}.</p>`
      : '';
  return `<section id="matrix"><h2>Open findings by account and region</h2>
<p class="muted">Cell colour = most severe open finding; red “gap” = a collector failed there.</p>
<div class="wrap"><table class="matrix"><thead><tr><th>Account</th>${regions.map((r) => `<th class="mono">${h(r)}</th>`).join('')}<th class="num">Total</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>${more}</section>`;
}

function exceptionsSection(report: Report): string {
  const ex = report.exceptions;
  if (!ex || (ex.expired.length === 0 && ex.stale.length === 0)) return '';
  const rows = (kind: string, list: ExceptionStatus[]) =>
    list.map(
      (e) =>
        `<tr><td>${kind}</td><td class="mono">${h(e.rules.join(', '))}</td><td>${h(e.reason)}</td><td>${h(e.owner)}</td><td>${h(e.expires)}</td><td class="mono">${e.file ? h(`${e.file}${e.line ? `:${e.line}` : ''}`) : ''}</td></tr>`,
    );
  return `<section id="exceptions"><h2>Exceptions needing attention</h2>
<div class="wrap"><table><thead><tr><th>State</th><th>Rules</th><th>Reason</th><th>Owner</th><th>Expires</th><th>Where</th></tr></thead><tbody>
${[...rows('expired (no longer applies)', ex.expired), ...rows('stale (matched nothing)', ex.stale)].join('\n')}
</tbody></table></div></section>`;
}

function kv(pairs: Array<[string, string]>): string {
  return `<dl class="kv">${pairs.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function findingDetails(f: Finding): string {
  const r = f.resource;
  const pairs: Array<[string, string]> = [
    ['Finding id', `<code>${h(f.id)}</code>`],
    ['ARN', `<code>${h(r.arn)}</code>`],
    ['Message', h(f.message)],
  ];
  if (r.tags && Object.keys(r.tags).length > 0) {
    pairs.push([
      'Tags',
      Object.entries(r.tags)
        .map(([k, v]) => `<code>${h(k)}</code> = <code>${h(v)}</code>`)
        .join('<br>'),
    ]);
  }
  pairs.push(['Evidence', `<pre>${escapeHtmlBlock(JSON.stringify(f.evidence, null, 2))}</pre>`]);
  if (f.remediation) {
    const params = f.remediation.params ? ` <code>${h(JSON.stringify(f.remediation.params))}</code>` : '';
    pairs.push([
      'Remediation',
      `<code>${h(f.remediation.action)}</code>${params} (plan with <code>amiaudit remediate</code>)`,
    ]);
  }
  if (f.exception) {
    pairs.push([
      'Exception',
      `${h(f.exception.reason)} — owner ${h(f.exception.owner)}, expires ${h(f.exception.expires)}`,
    ]);
  }
  return kv(pairs);
}

/** The number of columns of a findings table: the details row spans them all. */
const FINDING_COLUMNS = 9;

/**
 * A finding as two rows: the finding, and below it a full-width details row. The `<details>` toggle in the
 * last cell opens the details row through CSS (`:has(details[open])`) so it works without JavaScript; the
 * script also sets `open` on the row for browsers without `:has`, and moves both rows together when sorting.
 */
function findingRow(f: Finding, i: number, resolved = false): string {
  const r = f.resource;
  const marker = resolved
    ? '<span class="badge resolved">RESOLVED</span>'
    : f.baseline === 'new'
      ? '<span class="badge new">NEW</span>'
      : '';
  const name = r.name !== undefined ? `<br><span class="muted">${h(r.name)}</span>` : '';
  const cost = f.estimatedMonthlyCostUsd !== undefined ? usd(f.estimatedMonthlyCostUsd) : '';
  const di = resolved ? '' : ` data-i="${i}"`;
  const id = `${resolved ? 'r' : 'd'}-${i}`;
  return `<tr class="f"${di}><td>${sevBadge(f.severity)}</td><td><span class="st ${f.status}">${f.status}</span>${marker}</td>
<td class="mono nw">${h(f.ruleId)}</td><td class="mono">${h(r.account)}</td><td class="mono nw">${h(r.region)}</td>
<td class="res"><span class="muted">${h(r.type)}</span> <code>${h(r.id)}</code>${name}</td><td class="msg">${h(f.message)}</td>
<td class="num">${cost}</td><td class="nw"><details><summary aria-controls="${id}">details</summary></details></td></tr>
<tr class="detail" id="${id}"><td colspan="${FINDING_COLUMNS}">${findingDetails(f)}</td></tr>`;
}

interface RowData {
  sevRank: number;
  severity: string;
  rule: string;
  account: string;
  region: string;
  status: string;
  baseline: string;
  resource: string;
  message: string;
  cost: number | null;
  text: string;
}

/**
 * The filter and sort data of a finding row. Its strings are neutralised like the cells they stand for:
 * a filter option's value (escaped on the page) must equal the row's value, and search matches what is
 * shown.
 */
function rowData(f: Finding): RowData {
  const r = f.resource;
  const tags = r.tags ? Object.entries(r.tags).map(([k, v]) => `${k}=${v}`) : [];
  return {
    sevRank: severityRank(f.severity),
    severity: f.severity,
    rule: n(f.ruleId),
    account: n(r.account),
    region: n(r.region),
    status: f.status,
    baseline: f.baseline ?? '',
    resource: n(r.id),
    message: n(f.message),
    cost: f.estimatedMonthlyCostUsd ?? null,
    text: n(
      [f.id, f.ruleId, r.account, r.region, r.type, r.id, r.arn, r.name ?? '', f.message, ...tags].join(' '),
    ).toLowerCase(),
  };
}

function select(id: string, label: string, values: string[]): string {
  const opts = values.map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  return `<label for="f-${id}">${label}<select id="f-${id}"><option value="">all</option>${opts}</select></label>`;
}

function findingsSection(report: Report, maxRows: number): { html: string; data: RowData[] } {
  const ordered = bySeverity(report.findings);
  const shown = ordered.slice(0, maxRows);
  // Values as the rows carry them (neutralised), so an option matches its rows.
  const uniq = (xs: string[]) => [...new Set(xs.map(n))].sort();
  const hasBaseline = report.findings.some((f) => f.baseline);
  const filters = [
    select(
      'severity',
      'Severity',
      SEVERITIES_DESC.filter((s) => shown.some((f) => f.severity === s)),
    ),
    select('rule', 'Rule', uniq(shown.map((f) => f.ruleId))),
    select('account', 'Account', uniq(shown.map((f) => f.resource.account))),
    select('region', 'Region', uniq(shown.map((f) => f.resource.region))),
    select('status', 'Status', uniq(shown.map((f) => f.status))),
    hasBaseline ? select('baseline', 'Baseline', uniq(shown.map((f) => f.baseline ?? ''))) : '',
    '<label for="f-text">Search<input type="search" id="f-text" placeholder="id, name, tag, message…" autocomplete="off"></label>',
    '<button type="reset">Clear</button>',
  ].join('\n');
  const capped =
    ordered.length > shown.length
      ? `<p class="banner">Showing the ${shown.length} most severe of ${ordered.length} findings; every finding is in findings.json and findings.csv.</p>`
      : '';
  const th = (key: string, label: string, cls = '') =>
    `<th data-key="${key}"${cls ? ` class="${cls}"` : ''}><button type="button">${label}</button></th>`;
  const html = `<section id="findings-section"><h2>Findings</h2>${capped}
<form class="filters" id="filters" hidden>
${filters}
<span class="muted"><b id="shown-count">${shown.length}</b> of ${shown.length} shown</span>
</form>
<div class="wrap"><table id="findings"><thead><tr>${th('sevRank', 'Severity')}${th('status', 'Status')}${th('rule', 'Rule')}${th('account', 'Account')}${th('region', 'Region')}${th('resource', 'Resource', 'res')}${th('message', 'Message')}${th('cost', '$/month', 'num')}<th>Details</th></tr></thead>
<tbody id="findings-body">
${shown.map((f, i) => findingRow(f, i)).join('\n')}
</tbody></table></div>
<p id="no-match" class="muted" hidden>No finding matches the filters.</p>
${shown.length === 0 ? '<p class="muted">No findings.</p>' : ''}</section>`;
  return { html, data: shown.map(rowData) };
}

function resolvedSection(report: Report): string {
  if (!report.resolved || report.resolved.length === 0) return '';
  return `<section id="resolved"><h2>Resolved since the baseline (${report.resolved.length})</h2>
<div class="wrap"><table><thead><tr><th>Severity</th><th>Status</th><th>Rule</th><th>Account</th><th>Region</th><th>Resource</th><th>Message</th><th class="num">$/month</th><th>Details</th></tr></thead><tbody>
${report.resolved.map((f, i) => findingRow(f, i, true)).join('\n')}
</tbody></table></div></section>`;
}

/**
 * Renders report.html: one self-contained page (no network), readable without JavaScript and printable.
 * Every cloud string is HTML-escaped; the filter data sits in a JSON block with `<` escaped; a strict
 * CSP allows only the page's own style and script by hash.
 */
export function renderHtml(report: Report, options: RenderOptions = {}): string {
  const findings = findingsSection(report, options.htmlMaxRows ?? HTML_MAX_ROWS);
  const title = `amiaudit report ${report.run.now}${report.coverage.complete ? '' : ' (INCOMPLETE)'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${header(report)}
${banner(report)}
${cards(report)}
${rulesTable(report)}
${matrix(report)}
${exceptionsSection(report)}
${findings.html}
${resolvedSection(report)}
<footer>Generated by amiaudit ${h(report.tool.version)} · run ${h(report.run.id)} · this file makes no network requests.</footer>
<script type="application/json" id="amiaudit-data">${jsonForScript({ rows: findings.data })}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
