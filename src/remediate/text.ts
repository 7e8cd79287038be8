import { neutralise } from '../neutralise.js';

/** Renders rows as a space-aligned text table; every cell is neutralised (src/neutralise.ts) before it is measured. */
export function table(header: string[], rawRows: string[][]): string {
  const rows = rawRows.map((r) => r.map(neutralise));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Truncates a string to n characters with an ellipsis. */
export function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** One line for the checks' notes (accounts left out of the usage check), or ''. */
export function evidenceLabel(evidence: Record<string, unknown> | undefined): string {
  const skipped = evidence?.usageNotChecked as
    | { account: string; region: string; reason: string }[]
    | undefined;
  if (!skipped?.length) return '';
  return `; usage not checked in ${skipped.map((s) => `${s.account}/${s.region} (${s.reason})`).join(', ')}`;
}
