import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/formats/html.js';
import { clone, loadFixture } from './helpers.js';

/** The `<thead>` column count of the table whose opening tag contains `marker`. */
function columnCount(html: string, marker: string): number {
  const start = html.indexOf(marker);
  const head = html.slice(start, html.indexOf('</thead>', start));
  return head.match(/<th[\s>]/g)?.length ?? 0;
}

describe('HTML findings table', () => {
  const report = loadFixture();
  const html = renderHtml(report);

  it('follows every finding row with a full-width details row it points at', () => {
    const cols = columnCount(html, '<table id="findings">');
    const pairs = [
      ...html.matchAll(
        /<tr class="f" data-i="(\d+)">[\s\S]*?aria-controls="([^"]+)"[\s\S]*?<\/tr>\n<tr class="detail" id="([^"]+)"><td colspan="(\d+)">/g,
      ),
    ];
    expect(pairs.length).toBe(report.findings.length);
    for (const [, i, controls, id, colspan] of pairs) {
      expect(controls).toBe(`d-${i}`);
      expect(id).toBe(controls);
      expect(Number(colspan)).toBe(cols);
    }
  });

  it('keeps the details out of the last column', () => {
    // The toggle cell holds only the summary; the finding's ARN is in the details row.
    for (const cell of html.matchAll(/<td class="nw"><details>([\s\S]*?)<\/details><\/td>/g)) {
      expect(cell[1]).toMatch(/^<summary aria-controls="[dr]-\d+">details<\/summary>$/);
    }
  });

  it('gives resolved findings their own details rows', () => {
    const withResolved = html.slice(html.indexOf('id="resolved"'));
    expect(withResolved).toContain('<tr class="detail" id="r-0">');
  });
});

describe('HTML per-rule cost', () => {
  it('explains why the rule rows can add up to more than the total', () => {
    const report = clone(loadFixture());
    // The same AMI flagged by a second rule: its cost shows in both rule rows, once in the summary total.
    const first = report.findings[0]!;
    report.findings.push({ ...clone(first), id: 'second-rule', ruleId: 'ami-max-age' });
    const html = renderHtml(report);
    const rules = html.slice(html.indexOf('id="rules"'), html.indexOf('id="matrix"'));
    const rowSum = [...rules.matchAll(/<td class="num">\$([\d,.]+)<\/td><td><svg/g)]
      .map((m) => Number(m[1]!.replace(/,/g, '')))
      .reduce((a, b) => a + b, 0);
    expect(rowSum).toBeGreaterThan(report.summary.estimatedMonthlyCostUsd);
    expect(rules).toContain('Est. $/month*');
    expect(rules).toMatch(
      /<p class="muted footnote" id="rule-cost-note">\* Est\. \$\/month per rule counts a resource once for every rule that flags it, so the rows can add up to more than the \$29\.55 total/,
    );
  });

  it('has no footnote when no finding has a cost', () => {
    const report = clone(loadFixture());
    for (const f of report.findings) delete f.estimatedMonthlyCostUsd;
    const html = renderHtml(report);
    expect(html).not.toContain('rule-cost-note');
    expect(html).not.toContain('Est. $/month*');
  });
});
