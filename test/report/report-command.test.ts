import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/report.js';
import { InputError, UsageError } from '../../src/errors.js';
import { clone, FIXTURE, loadFixture } from './helpers.js';

describe('amiaudit report', () => {
  it('re-renders a findings.json into the requested formats', async () => {
    const out = mkdtempSync(join(tmpdir(), 'amiaudit-report-'));
    expect(await run(['--findings', FIXTURE, '--format', 'html,junit,csv', '--out', out, '--quiet'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['findings.csv', 'junit.xml', 'report.html']);
  });

  it('applies a baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amiaudit-report-'));
    const base = clone(loadFixture());
    base.findings = base.findings.slice(0, 1);
    for (const f of base.findings) delete f.baseline;
    const baseFile = join(dir, 'base.json');
    writeFileSync(baseFile, JSON.stringify(base));
    const out = join(dir, 'out');
    expect(
      await run(['--findings', FIXTURE, '--baseline', baseFile, '--format', 'json', '--out', out, '--quiet']),
    ).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(result.findings.filter((f: { baseline: string }) => f.baseline === 'unchanged').length).toBe(1);
    expect(result.resolved).toEqual([]);
  });

  it('warns on stderr when the baseline covers another scope', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amiaudit-report-'));
    const base = clone(loadFixture());
    base.coverage.accountIds = ['444444444444'];
    const baseFile = join(dir, 'base.json');
    writeFileSync(baseFile, JSON.stringify(base));
    const same = join(dir, 'same.json');
    writeFileSync(same, JSON.stringify(loadFixture()));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const out = join(dir, 'out');
      await run(['--findings', FIXTURE, '--baseline', baseFile, '--format', 'json', '--out', out, '--quiet']);
      const lines = stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('warning'));
      expect(lines).toEqual([
        expect.stringMatching(
          /^amiaudit: warning: the baseline covers a different scope: only 0 of 3 accounts in common.*\n$/,
        ),
      ]);
      stderr.mockClear();
      await run(['--findings', FIXTURE, '--baseline', same, '--format', 'json', '--out', out, '--quiet']);
      expect(stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('warning'))).toEqual([]);
    } finally {
      stderr.mockRestore();
    }
  });

  it('rejects an invalid findings file with its location', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amiaudit-report-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "schemaVersion": "2"\n}\n');
    const err = (await run(['--findings', file, '--out', dir]).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.toLine()).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ not a findings\\.json`),
    );
  });

  it.each([[[]], [['--findings', FIXTURE, '--format', 'pdf']], [['--nope']]])(
    'usage error for %j',
    async (argv) => {
      await expect(run(argv)).rejects.toThrow(UsageError);
    },
  );
});
