import { describe, expect, it } from 'vitest';
import { planRemediation, stepId } from '../../src/remediate/planner.js';
import { imageFinding, OTHER, report } from './helpers.js';

const NOW = new Date('2026-02-01T10:00:30.000Z');

function ids(n: number) {
  return Array.from({ length: n }, (_, i) => imageFinding({ imageId: `ami-0000000000000000${i}` }));
}

describe('planRemediation', () => {
  it('plans one step per open finding with a remediation, in finding order', () => {
    const findings = ids(3);
    const plan = planRemediation(report(findings), { maxActions: 25 }, NOW);
    expect(plan.steps.map((s) => s.findingId)).toEqual(findings.map((f) => f.id));
    expect(plan.steps[0].id).toBe(stepId(findings[0].id, 'tag'));
    expect(plan.steps[0].params).toEqual({ tags: { 'amiaudit:review': 'unused-amis' } });
    expect(plan.deferred).toEqual([]);
  });

  it.each([
    ['suppressed', 'finding is suppressed'],
    ['inconclusive', 'finding is inconclusive'],
  ] as const)('never plans a %s finding', (status, reason) => {
    const plan = planRemediation(report([imageFinding({ status })]), { maxActions: 25 }, NOW);
    expect(plan.steps).toEqual([]);
    expect(plan.unplanned[0].reason).toBe(reason);
  });

  it('counts findings without remediation and filtered-out findings', () => {
    const findings = [
      imageFinding({ imageId: 'ami-1', remediation: undefined }),
      imageFinding({ imageId: 'ami-2', ruleId: 'other-rule' }),
      imageFinding({ imageId: 'ami-3' }),
    ];
    const plan = planRemediation(report(findings), { only: ['unused-amis'], maxActions: 25 }, NOW);
    expect(plan.counts).toEqual({ filteredOut: 1, withoutRemediation: 1 });
    expect(plan.steps.map((s) => s.resource.id)).toEqual(['ami-3']);
  });

  it('filters by account and region glob', () => {
    const a = imageFinding({ imageId: 'ami-a' });
    const b = imageFinding({ imageId: 'ami-b' });
    b.resource = { ...b.resource, account: OTHER, region: 'eu-west-1' };
    expect(
      planRemediation(report([a, b]), { accounts: [OTHER], maxActions: 5 }, NOW).steps.map(
        (s) => s.resource.id,
      ),
    ).toEqual(['ami-b']);
    expect(
      planRemediation(report([a, b]), { regions: ['eu-*'], maxActions: 5 }, NOW).steps.map(
        (s) => s.resource.id,
      ),
    ).toEqual(['ami-b']);
    expect(
      planRemediation(report([a, b]), { regions: ['us-east-1'], maxActions: 5 }, NOW).steps.map(
        (s) => s.resource.id,
      ),
    ).toEqual(['ami-a']);
  });

  it('caps the run at maxActions and lists the rest as deferred', () => {
    const plan = planRemediation(report(ids(5)), { maxActions: 2 }, NOW);
    expect(plan.steps).toHaveLength(2);
    expect(plan.deferred.map((s) => s.resource.id)).toEqual([
      'ami-00000000000000002',
      'ami-00000000000000003',
      'ami-00000000000000004',
    ]);
  });

  it('does not count steps the journal shows applied against the cap', () => {
    const findings = ids(4);
    const applied = new Set([stepId(findings[0].id, 'tag'), stepId(findings[1].id, 'tag')]);
    const plan = planRemediation(report(findings), { maxActions: 2 }, NOW, applied);
    expect(plan.done.map((s) => s.findingId)).toEqual([findings[0].id, findings[1].id]);
    expect(plan.steps.map((s) => s.findingId)).toEqual([findings[2].id, findings[3].id]);
  });

  it.each([
    ['deprecate', { inDays: 14 }, { deprecateAt: '2026-02-15T10:00:30.000Z' }],
    ['deprecate', {}, { deprecateAt: '2026-02-01T10:02:00.000Z' }],
    ['deprecate', { at: '2026-06-01T00:00:00Z' }, { deprecateAt: '2026-06-01T00:00:00.000Z' }],
    ['deregister', {}, { deleteSnapshots: false }],
    ['deregister', { deleteSnapshots: true }, { deleteSnapshots: true }],
    ['tag', { tags: { review: '{ruleId}@{date}' } }, { tags: { review: 'unused-amis@2026-02-01' } }],
    ['make-private', {}, {}],
    ['disable', {}, {}],
  ])('%s params %j → %j', (action, params, expected) => {
    const plan = planRemediation(
      report([imageFinding({ remediation: { action, params } })]),
      { maxActions: 5 },
      NOW,
    );
    expect(plan.unplanned).toEqual([]);
    expect(plan.steps[0].params).toEqual(expected);
  });

  it.each([
    ['deprecate', { at: '2020-01-01T00:00:00Z' }, /in the past/],
    ['deprecate', { inDays: 3, at: '2027-01-01T00:00:00Z' }, /not both/],
    ['deprecate', { inDays: -1 }, /inDays/],
    ['deregister', { deleteSnapshots: 'yes' }, /deleteSnapshots/],
    ['tag', { tags: { 'aws:x': 'y' } }, /aws: prefix/],
    ['remove-launch-permissions', {}, /untrustedPrincipals/],
    ['enable-block-public-access', {}, /does not apply to a ec2:image/],
    ['no-such-action', {}, /unknown action/],
  ])('%s with %j is not planned (%s)', (action, params, reason) => {
    const plan = planRemediation(
      report([imageFinding({ remediation: { action, params } })]),
      { maxActions: 5 },
      NOW,
    );
    expect(plan.steps).toEqual([]);
    expect(plan.unplanned[0].reason).toMatch(reason);
  });

  it('remove-launch-permissions takes exactly the untrusted principals of the finding', () => {
    const untrusted = [{ userId: '999999999999' }, { group: 'all' }, { userId: '999999999999' }];
    const f = imageFinding({
      remediation: { action: 'remove-launch-permissions' },
      evidence: { untrustedPrincipals: untrusted },
    });
    const plan = planRemediation(report([f]), { maxActions: 5 }, NOW);
    expect(plan.steps[0].params).toEqual({ principals: [{ userId: '999999999999' }, { group: 'all' }] });
    expect(plan.steps[0].destructive).toBe(true);
  });

  it('marks deregister as irreversible unless a Recycle Bin rule covers it', () => {
    const plan = planRemediation(
      report([imageFinding({ remediation: { action: 'deregister' } })]),
      { maxActions: 5 },
      NOW,
    );
    expect(plan.steps[0].reversible).toBe('recycle-bin');
    expect(plan.steps[0].iamActions).toContain('ec2:DeregisterImage');
  });
});
