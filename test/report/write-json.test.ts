import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/findings/model.js';
import { streamReportJson, toJson, writeReportJsonFile } from '../../src/report/write-json.js';

function finding(i: number): Finding {
  return {
    id: `f${i}`,
    ruleId: 'rule-x',
    severity: 'high',
    status: 'open',
    resource: {
      type: 'ec2:image',
      id: `ami-${i}`,
      arn: `arn:aws:ec2:us-east-1:111111111111:image/ami-${i}`,
      account: '111111111111',
      region: 'us-east-1',
      name: 'line\nbreak "quoted" \u2028 {"a": [',
      tags: { '\n  ]\n}': 'tricky' },
    },
    message: `finding ${i}`,
    evidence: { nested: { list: [1, { deep: true }], empty: [] } },
  };
}

function report(findings: Finding[], resolved?: Finding[]): Report {
  return {
    schemaVersion: '1',
    tool: { name: 'amiaudit', version: '0.0.0' },
    run: { id: 'r', startedAt: 's', finishedAt: 'f', now: 'n', rulesDigest: 'sha256:x' },
    coverage: {
      complete: true,
      accounts: { requested: 1, scanned: 1, failed: 0 },
      regions: ['us-east-1'],
      gaps: [],
    },
    summary: {
      resourcesEvaluated: findings.length,
      open: findings.length,
      suppressed: 0,
      inconclusive: 0,
      bySeverity: { high: findings.length },
      byRule: [],
      estimatedMonthlyCostUsd: 0,
    },
    findings,
    ...(resolved ? { resolved } : {}),
  };
}

async function streamed(r: Report): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await streamReportJson(r, sink);
  sink.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('streamReportJson', () => {
  it.each([
    { name: 'no findings', r: report([]) },
    { name: 'one finding', r: report([finding(1)]) },
    {
      name: 'more findings than one batch, and resolved ones',
      r: report(
        Array.from({ length: 1203 }, (_, i) => finding(i)),
        [finding(9)],
      ),
    },
    { name: 'an empty resolved list', r: report([finding(1)], []) },
  ])('writes exactly what toJson writes: $name', async ({ r }) => {
    expect(await streamed(r)).toBe(toJson(r));
  });

  it('writes the same bytes to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amiaudit-json-'));
    try {
      const r = report(
        Array.from({ length: 120 }, (_, i) => finding(i)),
        [finding(7)],
      );
      await writeReportJsonFile(r, join(dir, 'findings.json'));
      expect(await readFile(join(dir, 'findings.json'), 'utf8')).toBe(toJson(r));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
