import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/findings/model.js';
import { SEVERITIES } from '../../src/findings/severity.js';
import { renderMarkdown, reportStatus } from '../../src/report/formats/markdown.js';
import { clone, loadFixture } from './helpers.js';

const MiB = 1024 * 1024;

/** A report with `n` open findings spread over `rules` rules (built, not looped in the renderer's favour). */
function bigReport(n: number, rules: number): Report {
  const base = clone(loadFixture());
  const template = base.findings[0]!;
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const ruleId = `rule-${i % rules}`;
    const id = `ami-${i.toString(16).padStart(17, '0')}`;
    findings.push({
      ...template,
      id: `fp${i}`,
      ruleId,
      severity: SEVERITIES[i % 5]!,
      baseline: undefined,
      resource: {
        ...template.resource,
        id,
        arn: `arn:aws:ec2:eu-west-1:111111111111:image/${id}`,
        name: `name | ${i}`,
      },
      message: `AMI ${id} violates ${ruleId} with a reasonably long message so rows have a realistic size`,
    });
  }
  base.findings = findings;
  base.resolved = undefined;
  base.summary.byRule = Array.from({ length: rules }, (_, r) => ({
    ruleId: `rule-${r}`,
    evaluated: n,
    open: Math.ceil(n / rules),
    suppressed: 0,
    inconclusive: 0,
  }));
  return base;
}

function tables(md: string): string[][] {
  return md
    .split(/\n\n/)
    .filter((b) => b.startsWith('| '))
    .map((b) => b.split('\n'));
}

describe('summary.md', () => {
  it('stays under 1 MiB with 50k findings, dropping whole sections and saying so', () => {
    const md = renderMarkdown(bigReport(50_000, 8));
    expect(Buffer.byteLength(md)).toBeLessThan(MiB);
    // Sections really had to go, and the reader is told.
    expect(md).toMatch(/section\(s\) left out to stay under GitHub's 1 MiB summary limit/);
    // Every table is whole: a header, a separator, rows with the header's column count, and each
    // <details> that was opened is closed.
    for (const t of tables(md)) {
      expect(t[1]).toMatch(/^\|( --- \|)+$/);
      const cols = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (const line of t) {
        expect(line.endsWith('|')).toBe(true);
        expect(cols(line)).toBe(cols(t[0]!));
      }
    }
    expect(md.match(/<details>/g)!.length).toBe(md.match(/<\/details>/g)!.length);
  });

  it('respects a custom byte budget', () => {
    const md = renderMarkdown(bigReport(2_000, 4), { markdownMaxBytes: 40_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(40_000);
    expect(md).toContain('## ');
  });

  it('keeps every section of a small report', () => {
    const md = renderMarkdown(loadFixture());
    expect(md).not.toContain('left out');
    expect(md).toContain('Coverage gaps (2)');
    expect(md).toContain('Resolved since the baseline (1)');
  });

  it.each([
    ['FAIL', (r: Report) => r],
    ['INCOMPLETE', (r: Report) => ({ ...r, summary: { ...r.summary, open: 0 } })],
    [
      'PASS',
      (r: Report) => ({
        ...r,
        summary: { ...r.summary, open: 0 },
        coverage: { ...r.coverage, complete: true, gaps: [] },
      }),
    ],
  ] as const)('status line says %s', (status, change) => {
    const r = change(clone(loadFixture()));
    expect(reportStatus(r)).toBe(status);
    expect(renderMarkdown(r).split('\n')[0]).toContain(`amiaudit: ${status}`);
  });
});
