import { describe, expect, it } from 'vitest';
import { checkFilters, planRemediation, stepId } from '../../src/remediate/planner.js';
import { PROD as OTHER } from '../support/organization.js';
import { imageFinding, report } from './helpers.js';

const NOW = new Date('2026-02-01T10:00:30.000Z');

function ids(n: number) {
  return Array.from({ length: n }, (_, i) => imageFinding({ imageId: `ami-0000000000000000${i}` }));
}

describe('planRemediation', () => {
  it('plans one step per open finding with a remediation, in finding order', () => {
    const findings = ids(3);
    const plan = planRemediation(report(findings), { maxActions: 25 }, NOW);
    expect(plan.steps.map((s) => s.findingId)).toEqual(findings.map((f) => f.id));
    expect(plan.steps[0].id).toBe(stepId(findings[0].resource, 'tag'));
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

  it('drops deprecate, disable and tag steps on an image the same plan deregisters (deregister supersedes)', () => {
    const on = (ruleId: string, action: string) =>
      imageFinding({ imageId: 'ami-d', ruleId, remediation: { action, params: {} } });
    const other = imageFinding({
      imageId: 'ami-e',
      ruleId: 'age',
      remediation: { action: 'deprecate', params: {} },
    });
    const plan = planRemediation(
      report([
        on('age', 'deprecate'),
        on('naming', 'tag'),
        on('unused', 'deregister'),
        on('public', 'make-private'),
        other,
      ]),
      { maxActions: 25 },
      NOW,
    );
    expect(plan.steps.map((s) => `${s.resource.id}:${s.action}`)).toEqual([
      'ami-d:deregister',
      'ami-d:make-private',
      'ami-e:deprecate',
    ]);
    expect(plan.superseded.map((x) => x.step.action).sort()).toEqual(['deprecate', 'tag']);
    expect(
      plan.superseded.every(
        (x) => x.by === 'MGMTID/us-east-1/ami-d:deregister'.replace('MGMTID', x.step.resource.account),
      ),
    ).toBe(true);
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
    const applied = new Set([stepId(findings[0].resource, 'tag'), stepId(findings[1].resource, 'tag')]);
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

describe('planRemediation: one step per (resource, action)', () => {
  const on = (ruleId: string, action: string, params: Record<string, unknown>, extra = {}) =>
    imageFinding({ id: `f-${ruleId}`, ruleId, remediation: { action, params }, ...extra });

  it.each([
    ['stricter first', [14, 30]],
    ['stricter last', [30, 14]],
  ])('merges deprecate findings to the EARLIEST date (%s)', (_order, days) => {
    const findings = days.map((d) => on(`rule-${d}d`, 'deprecate', { inDays: d }));
    const plan = planRemediation(report(findings), { maxActions: 5 }, NOW);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0].params).toEqual({ deprecateAt: '2026-02-15T10:00:30.000Z' });
    expect(plan.steps[0].ruleIds).toEqual(days.map((d) => `rule-${d}d`));
    expect(plan.steps[0].findingIds).toEqual(days.map((d) => `f-rule-${d}d`));
  });

  it('derives the step id from resource + action, not from the findings', () => {
    const a = planRemediation(report([on('r1', 'deprecate', { inDays: 3 })]), { maxActions: 5 }, NOW);
    const b = planRemediation(
      report([on('r2', 'deprecate', { inDays: 9 }), on('r1', 'deprecate', { inDays: 3 })]),
      { maxActions: 5 },
      NOW,
    );
    expect(a.steps[0].id).toBe('111111111111/us-east-1/ami-00000000000000001:deprecate');
    expect(b.steps[0].id).toBe(a.steps[0].id);
  });

  it('merges tags (same key: both values) and the untrusted principals of remove-launch-permissions', () => {
    const plan = planRemediation(
      report([
        on('ami-naming', 'tag', { tags: { 'amiaudit:review': '{ruleId}', team: 'sec' } }),
        on('ami-owner', 'tag', { tags: { 'amiaudit:review': '{ruleId}', 'amiaudit:owner': 'none' } }),
        on(
          'share-a',
          'remove-launch-permissions',
          {},
          { evidence: { untrustedPrincipals: [{ userId: '999999999999' }] } },
        ),
        on(
          'share-b',
          'remove-launch-permissions',
          {},
          {
            evidence: { untrustedPrincipals: [{ userId: '999999999999' }, { group: 'all' }] },
          },
        ),
      ]),
      { maxActions: 5 },
      NOW,
    );
    expect(plan.steps.map((s) => [s.action, s.params, s.ruleIds])).toEqual([
      [
        'tag',
        { tags: { 'amiaudit:review': 'ami-naming,ami-owner', team: 'sec', 'amiaudit:owner': 'none' } },
        ['ami-naming', 'ami-owner'],
      ],
      [
        'remove-launch-permissions',
        { principals: [{ userId: '999999999999' }, { group: 'all' }] },
        ['share-a', 'share-b'],
      ],
    ]);
  });

  it('keeps snapshots unless every merged deregister finding deletes them; IAM follows the params', () => {
    const keep = planRemediation(
      report([on('a', 'deregister', { deleteSnapshots: true }), on('b', 'deregister', {})]),
      { maxActions: 5 },
      NOW,
    ).steps[0];
    expect(keep.params).toEqual({ deleteSnapshots: false });
    expect(keep.iamActions).toEqual(['ec2:DeregisterImage', 'ec2:ListImagesInRecycleBin']);
    const del = planRemediation(
      report([on('a', 'deregister', { deleteSnapshots: true })]),
      { maxActions: 5 },
      NOW,
    ).steps[0];
    expect(del.iamActions).toEqual([
      'ec2:DeregisterImage',
      'ec2:DeleteSnapshot',
      'ec2:ListImagesInRecycleBin',
    ]);
  });

  it('an inconclusive or suppressed finding never joins a step; the open one still plans', () => {
    const plan = planRemediation(
      report([
        on('unused', 'deprecate', { inDays: 1 }, { status: 'inconclusive' }),
        on('age', 'deprecate', { inDays: 30 }),
        on('old', 'deprecate', { inDays: 2 }, { status: 'suppressed' }),
      ]),
      { maxActions: 5 },
      NOW,
    );
    expect(plan.steps.map((s) => [s.ruleIds, s.params])).toEqual([
      [['age'], { deprecateAt: '2026-03-03T10:00:30.000Z' }],
    ]);
    expect(plan.unplanned.map((u) => u.reason)).toEqual(['finding is inconclusive', 'finding is suppressed']);
  });
});

describe('checkFilters', () => {
  const rep = () => {
    const r = report([imageFinding()]);
    r.rules = [{ id: 'ami-max-age', title: 't', severity: 'low', type: 'age', file: 'r.yaml', line: 1 }];
    return r;
  };
  it.each([
    [{ only: ['unused-amis'] }, undefined],
    [{ only: ['ami-max-age'] }, undefined],
    [{ only: ['no-such-rule'] }, 'unknown rule id "no-such-rule" (known: ami-max-age, unused-amis)'],
    [{ accounts: ['111111111111'] }, undefined],
    [{ accounts: ['12345'] }, '--accounts: "12345" is not a 12-digit account id'],
  ])('%j → %s', (filters, error) => {
    if (error) expect(() => checkFilters(rep(), filters)).toThrow(error);
    else expect(() => checkFilters(rep(), filters)).not.toThrow();
  });
});
