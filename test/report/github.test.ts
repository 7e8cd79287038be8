import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/model.js';
import {
  appendStepSummary,
  escapeData,
  escapeProperty,
  githubAnnotations,
  publishToGithub,
} from '../../src/report/github.js';
import { clone, loadFixture } from './helpers.js';

describe('GitHub annotations', () => {
  it.each([
    ['100%', '100%25'],
    ['a\r\nb', 'a%0D%0Ab'],
  ])('escapeData(%j) = %j', (input, out) => {
    expect(escapeData(input)).toBe(out);
  });

  it('escapes : and , in properties too', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('emits one command per line with escaped data', () => {
    const report = clone(loadFixture());
    report.findings[0]!.message = 'line one\nline two 50%';
    const lines = githubAnnotations(report);
    for (const l of lines) {
      expect(l).toMatch(/^::(error|warning|notice) title=[^\n]*::[^\n]*\n$/);
    }
    // Cloud newlines are neutralised into a visible escape first; % is still command-escaped.
    expect(lines.join('')).toContain('line one\\u000aline two 50%25');
    // The gap error carries a newline too.
    expect(lines[0]).toContain('ec2:DescribeInstances\\u000a<script>');
  });

  it('stays within 10 errors and 10 warnings and tells how many were dropped', () => {
    const report = clone(loadFixture());
    const f = report.findings[0]!;
    const many: Finding[] = [];
    for (let i = 0; i < 30; i++) many.push({ ...f, id: `c${i}`, severity: 'critical' });
    for (let i = 0; i < 30; i++) many.push({ ...f, id: `m${i}`, severity: 'medium' });
    report.findings = many;
    const lines = githubAnnotations(report);
    const count = (level: string) => lines.filter((l) => l.startsWith(`::${level} `)).length;
    expect(count('error')).toBe(10);
    expect(count('warning')).toBe(10);
    // 2 gaps + 30 critical fill 10 errors (22 dropped), 30 medium fill 10 warnings (20 dropped).
    expect(lines.at(-1)).toContain('42 more findings/gaps not annotated');
  });
});

describe('GitHub job summary', () => {
  it('appends and never overwrites', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'amiaudit-gh-')), 'summary.md');
    writeFileSync(file, '# earlier step\n');
    expect(await appendStepSummary('## ours', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('# earlier step\n## ours\n');
  });

  it('does nothing outside GitHub Actions', async () => {
    const written: string[] = [];
    expect(await appendStepSummary('x', {})).toBe(false);
    await publishToGithub(loadFixture(), 'x', {}, { write: (s: string) => written.push(s) });
    expect(written).toEqual([]);
  });

  it('writes annotations to the given stream when GITHUB_ACTIONS=true', async () => {
    const written: string[] = [];
    await publishToGithub(
      loadFixture(),
      'x',
      { GITHUB_ACTIONS: 'true' },
      { write: (s: string) => written.push(s) },
    );
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((l) => l.startsWith('::'))).toBe(true);
  });
});
