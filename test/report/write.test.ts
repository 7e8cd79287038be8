import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { FORMAT_MAP } from '../../src/report/formats/index.js';
import { FORMATS, parseFormats, writeReports } from '../../src/report/write.js';
import { clone, loadFixture } from './helpers.js';

describe('writeReports', () => {
  it('writes every requested format under its file name and returns the paths', async () => {
    const out = mkdtempSync(join(tmpdir(), 'amiaudit-write-'));
    const paths = await writeReports(loadFixture(), { out, formats: [...FORMATS], rootDir: '/repo' });
    expect(paths).toEqual(FORMATS.map((f) => join(out, FORMAT_MAP[f].file)));
    expect(readdirSync(out).sort()).toEqual(
      ['findings.csv', 'findings.json', 'findings.sarif', 'junit.xml', 'report.html', 'summary.md'].sort(),
    );
    expect(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'))).toEqual(loadFixture());
  });

  it('writes nothing when a format fails to render', async () => {
    const out = mkdtempSync(join(tmpdir(), 'amiaudit-write-'));
    writeFileSync(join(out, 'findings.json'), 'previous good report');
    const broken = clone(loadFixture());
    // A finding without a resource makes the renderers throw.
    (broken.findings[0] as unknown as { resource: undefined }).resource = undefined;
    await expect(writeReports(broken, { out, formats: ['json', 'csv'], rootDir: '/repo' })).rejects.toThrow();
    expect(readFileSync(join(out, 'findings.json'), 'utf8')).toBe('previous good report');
    expect(existsSync(join(out, 'findings.csv'))).toBe(false);
  });

  it("writes one format to stdout with out '-'", async () => {
    const chunks: string[] = [];
    const paths = await writeReports(loadFixture(), {
      out: '-',
      formats: ['sarif'],
      rootDir: '/repo',
      stdout: { write: (s: string) => chunks.push(s) },
    });
    expect(paths).toEqual(['-']);
    expect(JSON.parse(chunks.join('')).version).toBe('2.1.0');
  });

  it('refuses several formats on stdout', async () => {
    await expect(
      writeReports(loadFixture(), { out: '-', formats: ['json', 'sarif'], rootDir: '/repo' }),
    ).rejects.toThrow(UsageError);
  });
});

describe('parseFormats', () => {
  it.each([
    [undefined, ['json', 'html']],
    ['sarif', ['sarif']],
    ['json, md,csv,md', ['json', 'md', 'csv']],
  ])('%j → %j', (input, out) => {
    expect(parseFormats(input)).toEqual(out);
  });

  it.each(['xml', 'json,pdf', ' , '])('rejects %j', (input) => {
    expect(() => parseFormats(input)).toThrow(UsageError);
  });
});
