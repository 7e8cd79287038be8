import { describe, expect, it } from 'vitest';
import { authorise, refusalOf, rulePack } from '../../src/remediate/authority.js';
import { selector } from '../../src/remediate/planner.js';
import type { Rule } from '../../src/rules/schema.js';
import { imageFinding, report } from './helpers.js';

function rule(id: string, remediation?: Rule['remediation']): Rule {
  return {
    id,
    title: id,
    severity: 'medium',
    check: { type: 'age', maxDays: 90 },
    ...(remediation ? { remediation } : {}),
    source: { file: 'rules/x.yaml', line: 7 },
  } as Rule;
}

const pack = rulePack([
  rule('ami-max-age', { action: 'deprecate', params: { inDays: 14 } }),
  rule('ami-tag', { action: 'tag' }),
  rule('ami-report-only'),
]);

describe('refusalOf', () => {
  it('confirms a finding whose remediation is the rule’s (absent params equal empty params)', () => {
    const age = imageFinding({
      ruleId: 'ami-max-age',
      remediation: { action: 'deprecate', params: { inDays: 14 } },
    });
    expect(refusalOf(age, pack)).toBeUndefined();
    expect(
      refusalOf(imageFinding({ ruleId: 'ami-tag', remediation: { action: 'tag', params: {} } }), pack),
    ).toBeUndefined();
    expect(
      refusalOf(imageFinding({ ruleId: 'ami-report-only', remediation: undefined }), pack),
    ).toBeUndefined();
  });

  it.each([
    ['another action', { action: 'deregister', params: { deleteSnapshots: true } }],
    ['other params', { action: 'deprecate', params: { inDays: 1 } }],
  ])('refuses %s than the rule says, naming the rule and its file', (_, remediation) => {
    const forged = imageFinding({ ruleId: 'ami-max-age', remediation });
    expect(refusalOf(forged, pack)).toBe(
      `the file asks for ${JSON.stringify(remediation)}, rule ami-max-age (rules/x.yaml:7) says {"action":"deprecate","params":{"inDays":14}}`,
    );
  });

  it('refuses a remediation on a rule that has none, and a missing remediation on a rule that has one', () => {
    expect(
      refusalOf(imageFinding({ ruleId: 'ami-report-only', remediation: { action: 'tag' } }), pack),
    ).toMatch(/says none$/);
    expect(refusalOf(imageFinding({ ruleId: 'ami-tag', remediation: undefined }), pack)).toMatch(
      /^the file asks for none, rule ami-tag/,
    );
  });

  it('refuses a remediation of a rule the pack does not have; a finding without one asks for nothing', () => {
    expect(refusalOf(imageFinding({ ruleId: 'elsewhere' }), pack)).toMatch(
      /rule elsewhere is not in the loaded rules/,
    );
    expect(refusalOf(imageFinding({ ruleId: 'elsewhere', remediation: undefined }), pack)).toBeUndefined();
  });
});

describe('authorise', () => {
  it('keeps confirmed open findings with the pack’s remediation, refuses the rest, passes others through', () => {
    const ok = imageFinding({ imageId: 'ami-1', ruleId: 'ami-tag', remediation: { action: 'tag' } });
    const forged = imageFinding({
      imageId: 'ami-2',
      ruleId: 'ami-tag',
      remediation: { action: 'deregister' },
    });
    const suppressed = imageFinding({
      imageId: 'ami-3',
      ruleId: 'ami-tag',
      status: 'suppressed',
      remediation: { action: 'deregister' },
    });
    const filtered = imageFinding({
      imageId: 'ami-4',
      ruleId: 'ami-max-age',
      remediation: { action: 'deregister' },
    });
    const { report: kept, refused } = authorise(
      report([ok, forged, suppressed, filtered]),
      pack,
      selector({ only: ['ami-tag'], maxActions: 25 }),
    );
    expect(kept.findings.map((f) => f.resource.id)).toEqual(['ami-1', 'ami-3', 'ami-4']);
    expect(kept.findings[0].remediation).toEqual({ action: 'tag' });
    expect(refused).toEqual([
      expect.objectContaining({ findingId: forged.id, ruleId: 'ami-tag', action: 'deregister' }),
    ]);
  });
});
