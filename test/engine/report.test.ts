import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_PRICE_USD_PER_GB_MONTH } from '../../src/engine/cost.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { fingerprint } from '../../src/findings/fingerprint.js';
import { Report } from '../../src/findings/model.js';
import { toJson } from '../../src/report/write.js';
import type { Rule } from '../../src/rules/schema.js';
import { MGMT, PROD } from '../support/organization.js';
import { daysAgo, failSegment, image, inventory, NOW, okSegments, rule, run } from './helpers.js';

const reportCheck = TypeCompiler.Compile(Report);

function world() {
  const old = daysAgo(400);
  const images = [
    image({
      account: PROD,
      creationDate: old,
      name: 'b',
      blockDevices: [{ snapshotId: 'snap-shared', volumeSize: 100 }],
    }),
    image({
      account: MGMT,
      creationDate: old,
      name: 'a',
      blockDevices: [{ snapshotId: 'snap-shared', volumeSize: 100 }],
    }),
    image({
      account: MGMT,
      creationDate: old,
      region: 'eu-west-1',
      blockDevices: [{ snapshotId: 'snap-arch', volumeSize: 10 }],
    }),
    image({ account: MGMT, creationDate: daysAgo(1), description: 'ok' }),
  ];
  const snapshots = [
    {
      kind: 'snapshot' as const,
      account: MGMT,
      region: 'eu-west-1',
      snapshotId: 'snap-arch',
      volumeSizeGiB: 40,
      storageTier: 'archive',
      public: false,
    },
  ];
  const rules: Rule[] = [
    rule(
      { type: 'age', maxDays: 30 },
      { id: 'b-age', severity: 'medium', remediation: { action: 'deprecate', params: { inDays: 14 } } },
    ),
    rule({ type: 'naming', descriptionRequired: true }, { id: 'a-naming', severity: 'low' }),
    rule({ type: 'unused' }, { id: 'c-unused', severity: 'critical' }),
    rule(
      { type: 'match', when: [{ key: 'name', op: 'eq', value: 'nothing' }] },
      { id: 'd-none', severity: 'info' },
    ),
  ];
  const segments = failSegment(okSegments(), PROD, 'us-east-1', 'instances');
  return { inv: inventory({ images, snapshots, segments }), rules };
}

describe('report assembly', () => {
  it('is deterministic: evaluating twice gives identical bytes, whatever the input order', () => {
    const { inv, rules } = world();
    const first = toJson(run(inv, rules));
    expect(toJson(run(inv, rules))).toBe(first);
    const shuffled = { ...inv, images: [...inv.images].reverse(), segments: [...inv.segments].reverse() };
    const again = run(shuffled, rules);
    expect(JSON.stringify(again.findings)).toBe(JSON.stringify(run(inv, rules).findings));
  });

  it('validates against the findings.json schema', () => {
    const { inv, rules } = world();
    const report = run(inv, rules);
    expect([...reportCheck.Errors(report)].map((e) => `${e.path} ${e.message}`)).toEqual([]);
  });

  it('sorts findings by severity desc, rule, account, region, resource id', () => {
    const { inv, rules } = world();
    const keys = run(inv, rules).findings.map(
      (f) => `${f.severity} ${f.ruleId} ${f.resource.account} ${f.resource.region}`,
    );
    expect(keys).toEqual([
      `critical c-unused ${MGMT} eu-west-1`,
      `critical c-unused ${MGMT} us-east-1`,
      `critical c-unused ${PROD} us-east-1`,
      `medium b-age ${MGMT} eu-west-1`,
      `medium b-age ${MGMT} us-east-1`,
      `medium b-age ${PROD} us-east-1`,
      `low a-naming ${MGMT} eu-west-1`,
      `low a-naming ${MGMT} us-east-1`,
      `low a-naming ${PROD} us-east-1`,
    ]);
  });

  it('summarises per status, severity and rule (every rule listed, all five severities present)', () => {
    const { inv, rules } = world();
    const s = run(inv, rules).summary;
    expect(s).toMatchObject({ resourcesEvaluated: 4, open: 8, suppressed: 0, inconclusive: 1 });
    expect(s.bySeverity).toEqual({ info: 0, low: 3, medium: 3, high: 0, critical: 2 });
    expect(s.byRule.map((r) => [r.ruleId, r.evaluated, r.open, r.inconclusive])).toEqual([
      ['b-age', 4, 3, 0],
      ['a-naming', 4, 3, 0],
      ['c-unused', 4, 2, 1],
      ['d-none', 4, 0, 0],
    ]);
  });

  it('prices snapshot storage per finding and counts each snapshot once in the total', () => {
    const { inv, rules } = world();
    const report = run(inv, rules);
    const std = SNAPSHOT_PRICE_USD_PER_GB_MONTH.standard;
    const arch = SNAPSHOT_PRICE_USD_PER_GB_MONTH.archive;
    const ageFindings = report.findings.filter((f) => f.ruleId === 'b-age');
    expect(ageFindings.map((f) => f.estimatedMonthlyCostUsd)).toEqual([40 * arch, 100 * std, 100 * std]);
    // snap-shared (two AMIs) once + snap-arch; the inconclusive one does not count but shares snap-shared anyway.
    expect(report.summary.estimatedMonthlyCostUsd).toBe(Math.round((100 * std + 40 * arch) * 100) / 100);
  });

  it('copies remediation and rule metadata for formatters and remediate', () => {
    const { inv, rules } = world();
    const report = run(inv, rules);
    expect(report.findings.find((f) => f.ruleId === 'b-age')?.remediation).toEqual({
      action: 'deprecate',
      params: { inDays: 14 },
    });
    expect(report.rules?.[0]).toEqual({
      id: 'b-age',
      title: 'Test age',
      severity: 'medium',
      type: 'age',
      file: 'rules/test.yaml',
      line: 3,
      remediation: { action: 'deprecate', params: { inDays: 14 } },
    });
  });

  it('gives image findings of remediable rules the identity remediation re-checks live', () => {
    const img = image({ account: MGMT, creationDate: daysAgo(2), state: 'available' });
    const inv = inventory({ images: [img] });
    const rules = [
      rule({ type: 'naming', descriptionRequired: true }, { id: 'fix-me', remediation: { action: 'tag' } }),
      rule({ type: 'naming', descriptionRequired: true }, { id: 'report-only' }),
    ];
    const byRule = new Map(run(inv, rules).findings.map((f) => [f.ruleId, f]));
    expect(byRule.get('fix-me')?.evidence).toMatchObject({
      creationDate: img.creationDate,
      state: 'available',
    });
    expect(byRule.get('report-only')?.evidence).not.toHaveProperty('creationDate');
  });

  it('derives run metadata from the input only', () => {
    const { inv, rules } = world();
    const a = run(inv, rules).run;
    expect(a).toMatchObject({
      startedAt: inv.collectedAt,
      finishedAt: inv.collectedAt,
      now: '2025-06-01T00:00:00.000Z',
      rulesDigest: 'sha256:test',
    });
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(run(inv, rules, [], new Date('2025-07-01T00:00:00Z')).run.id).not.toBe(a.id);
  });
});

describe('passed resources (for JUnit)', () => {
  it('are listed per rule, sorted, only when asked for', () => {
    const { inv, rules } = world();
    expect(run(inv, rules).passed).toBeUndefined();
    const report = evaluate({
      inventory: inv,
      rules,
      exceptions: [],
      now: NOW,
      rulesDigest: 'sha256:test',
      toolVersion: '0',
      includePassed: true,
    });
    const young = inv.images[3];
    expect(report.passed?.['b-age']).toEqual([{ account: MGMT, region: 'us-east-1', id: young.imageId }]);
    expect(report.passed?.['d-none']).toHaveLength(4);
    for (const r of report.summary.byRule) {
      expect(report.passed?.[r.ruleId]).toHaveLength(r.evaluated - r.open - r.suppressed - r.inconclusive);
    }
  });
});

describe('fingerprint', () => {
  it('is stable and 32 hex characters', () => {
    // Pinned value: changing the fingerprint breaks every baseline and SARIF history.
    expect(fingerprint('ami-max-age', '111111111111', 'us-east-1', 'ami-0123456789abcdef0')).toBe(
      '50cfa0904ab7c555fa185af0827917a0',
    );
    expect(fingerprint('r', 'a', 'b', 'c')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('separates its parts (no collisions by concatenation)', () => {
    expect(fingerprint('ab', 'c', 'd', 'e')).not.toBe(fingerprint('a', 'bc', 'd', 'e'));
  });

  it('is the finding id', () => {
    const { inv, rules } = world();
    const f = run(inv, rules).findings[0];
    expect(f.id).toBe(fingerprint(f.ruleId, f.resource.account, f.resource.region, f.resource.id));
  });
});
