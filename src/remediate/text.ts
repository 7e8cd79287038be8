/** Escapes an untrusted cloud string for a terminal line: control characters (ANSI escapes, newlines) become \xNN. */
export function termSafe(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value ?? '');
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Renders rows as a space-aligned text table (cells are escaped by the caller). */
export function table(header: string[], rows: string[][]): string {
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
