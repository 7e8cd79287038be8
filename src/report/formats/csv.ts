import type { Finding, Report } from '../../findings/model.js';
import { neutraliseKeepNewlines } from '../../neutralise.js';

/** Stable column order (contract: add columns at the end only). */
export const CSV_COLUMNS = [
  'id',
  'ruleId',
  'severity',
  'status',
  'baseline',
  'account',
  'region',
  'resourceType',
  'resourceId',
  'name',
  'message',
  'estimatedMonthlyCostUsd',
  'exceptionReason',
  'exceptionOwner',
  'exceptionExpires',
  'arn',
] as const;

/**
 * One CSV cell: neutralises hostile characters (src/neutralise.ts; line feeds stay, inside quotes),
 * neutralises spreadsheet formulas (a leading = + - @ tab or CR gets a `'` prefix, OWASP's advice; tab and
 * CR are escapes by then, the guard stays for them anyway) and quotes per RFC 4180 when the cell holds a
 * comma, quote, CR or LF.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let s = neutraliseKeepNewlines(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(f: Finding): Array<string | number | undefined> {
  return [
    f.id,
    f.ruleId,
    f.severity,
    f.status,
    f.baseline,
    f.resource.account,
    f.resource.region,
    f.resource.type,
    f.resource.id,
    f.resource.name,
    f.message,
    f.estimatedMonthlyCostUsd,
    f.exception?.reason,
    f.exception?.owner,
    f.exception?.expires,
    f.resource.arn,
  ];
}

/** Renders findings.csv: a header and one CRLF-terminated row per finding, in the report's order. */
export function renderCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of report.findings) lines.push(row(f).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
