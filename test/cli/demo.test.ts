import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/findings/model.js';

// Runs the BUILT binary: `amiaudit demo` starts the emulator in-process and scans it over HTTP.
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/amiaudit.js');

let work: string;
let run: { status: number | null; stdout: string; stderr: string };
let report: Report;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'amiaudit-demo-'));
  const r = spawnSync(
    process.execPath,
    [BIN, 'demo', '--format', 'json,html,sarif,junit,md,csv', '--quiet'],
    {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  report = JSON.parse(await readFile(join(work, 'reports/findings.json'), 'utf8'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('amiaudit demo', () => {
  it('exits 0 because the pipeline ran, and says what a real scan would have returned', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/a real scan would have exited with 1 \(open findings/);
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('writes every requested format into reports/ under the current directory', () => {
    for (const file of [
      'findings.json',
      'report.html',
      'findings.sarif',
      'junit.xml',
      'summary.md',
      'findings.csv',
      'inventory.jsonl',
    ]) {
      expect(existsSync(join(work, 'reports', file)), file).toBe(true);
    }
  });

  it('reports the denied account and the region that is not opted in as gaps, never as clean', () => {
    expect(report.coverage.complete).toBe(false);
    const gaps = report.coverage.gaps.map((g) => `${g.account} ${g.region} ${g.collector}`);
    expect(gaps).toContain('666666666666 * assume-role');
    expect(gaps).toContain('555555555555 eu-west-1 images');
    expect(report.coverage.accounts.failed).toBe(1);
  });

  it('trips every rule type of the default pack', () => {
    const open = new Set(report.findings.filter((f) => f.status === 'open').map((f) => f.ruleId));
    for (const rule of [
      'ami-naming-convention',
      'ami-max-age',
      'ami-unused',
      'ami-retention',
      'ami-not-public',
      'ami-ebs-encrypted',
    ]) {
      expect(open, rule).toContain(rule);
    }
    expect(report.findings.some((f) => f.resource.type === 'account-region' && f.status === 'open')).toBe(
      true,
    );
  });

  it('counts an AMI used only from another account as used', () => {
    const unused = report.findings.filter((f) => f.ruleId === 'ami-unused').map((f) => f.resource.id);
    expect(unused.length).toBeGreaterThan(0);
    expect(unused).not.toContain('ami-0a11000000000003');
  });

  it('keeps the hostile tag value as data in findings.json and escaped in the HTML', async () => {
    const hostile = report.findings.find((f) =>
      Object.values(f.resource.tags ?? {}).some((v) => v.includes('<img')),
    );
    expect(hostile).toBeDefined();
    const html = await readFile(join(work, 'reports/report.html'), 'utf8');
    expect(html).not.toMatch(/<img src=x onerror/i);
  });
});
