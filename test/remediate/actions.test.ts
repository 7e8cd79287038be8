import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DisableImageBlockPublicAccessCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  EC2Client,
  EnableImageBlockPublicAccessCommand,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  GetImageBlockPublicAccessStateCommand,
  ListImagesInRecycleBinCommand,
  ModifyImageAttributeCommand,
  RestoreImageFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/model.js';
import { ACTIONS } from '../../src/remediate/actions/index.js';
import { planRemediation } from '../../src/remediate/planner.js';
import { type PlanStep, type StepContext, UndoRefused } from '../../src/remediate/types.js';
import { imageFinding, report } from './helpers.js';

const ec2 = mockClient(EC2Client);
const NOW = new Date('2026-02-01T00:00:00Z');
const ctx: StepContext = { ec2: new EC2Client({ region: 'us-east-1' }), pace: async () => {}, now: NOW };
const IMAGE = 'ami-00000000000000001';

function stepFor(f: Partial<Finding>): PlanStep {
  const plan = planRemediation(report([imageFinding(f)]), { maxActions: 1 }, NOW);
  expect(plan.unplanned).toEqual([]);
  return plan.steps[0];
}

async function roundTrip(step: PlanStep) {
  const action = ACTIONS[step.action];
  const before = await action.read(ctx, step);
  const out = await action.apply(ctx, step, before);
  return { action, before, out };
}

function sent(cmd: unknown): unknown[] {
  return ec2.commandCalls(cmd as never).map((c) => (c.args[0] as { input: unknown }).input);
}

beforeEach(() => ec2.reset());

describe('make-private', () => {
  it('removes Group all only, and undo adds it back', async () => {
    ec2
      .on(DescribeImageAttributeCommand)
      .resolvesOnce({ LaunchPermissions: [{ Group: 'all' }, { UserId: '333333333333' }] })
      .resolvesOnce({ LaunchPermissions: [{ UserId: '333333333333' }] })
      .resolves({ LaunchPermissions: [{ UserId: '333333333333' }] });
    ec2.on(ModifyImageAttributeCommand).resolves({});
    const step = stepFor({ remediation: { action: 'make-private' } });
    const { action, before, out } = await roundTrip(step);
    expect(action.done(step, before)).toBe(false);
    expect(sent(ModifyImageAttributeCommand)).toEqual([
      { ImageId: IMAGE, LaunchPermission: { Remove: [{ Group: 'all' }] } },
    ]);
    expect(out.undo).toEqual({ removed: [{ group: 'all' }] });
    await action.undo!(ctx, { step, before, after: out.after, undo: out.undo });
    expect(sent(ModifyImageAttributeCommand)[1]).toEqual({
      ImageId: IMAGE,
      LaunchPermission: { Add: [{ Group: 'all' }] },
    });
  });

  it('fails when the image is still public afterwards', async () => {
    ec2.on(DescribeImageAttributeCommand).resolves({ LaunchPermissions: [{ Group: 'all' }] });
    ec2.on(ModifyImageAttributeCommand).resolves({});
    await expect(roundTrip(stepFor({ remediation: { action: 'make-private' } }))).rejects.toThrow(
      /still public/,
    );
  });
});

describe('remove-launch-permissions', () => {
  const untrusted = [
    { userId: '999999999999' },
    { organizationArn: 'arn:aws:organizations::999999999999:organization/o-foreign0000' },
  ];

  it('removes only the named principals still present; trusted shares stay', async () => {
    ec2
      .on(DescribeImageAttributeCommand)
      .resolvesOnce({ LaunchPermissions: [{ UserId: '999999999999' }, { UserId: '222222222222' }] })
      .resolves({ LaunchPermissions: [{ UserId: '222222222222' }] });
    ec2.on(ModifyImageAttributeCommand).resolves({});
    const step = stepFor({
      remediation: { action: 'remove-launch-permissions' },
      evidence: { untrustedPrincipals: untrusted },
    });
    const { action, before, out } = await roundTrip(step);
    expect(sent(ModifyImageAttributeCommand)).toEqual([
      { ImageId: IMAGE, LaunchPermission: { Remove: [{ UserId: '999999999999' }] } },
    ]);
    expect(out.undo).toEqual({ removed: [{ userId: '999999999999' }] });
    await action.undo!(ctx, { step, before, after: out.after, undo: out.undo });
    expect(sent(ModifyImageAttributeCommand)[1]).toEqual({
      ImageId: IMAGE,
      LaunchPermission: { Add: [{ UserId: '999999999999' }] },
    });
  });

  it('is done when none of the named principals is left', async () => {
    ec2.on(DescribeImageAttributeCommand).resolves({ LaunchPermissions: [{ UserId: '222222222222' }] });
    const step = stepFor({
      remediation: { action: 'remove-launch-permissions' },
      evidence: { untrustedPrincipals: untrusted },
    });
    expect(ACTIONS[step.action].done(step, await ACTIONS[step.action].read(ctx, step))).toBe(true);
  });
});

describe('deprecate', () => {
  it('sets DeprecateAt and undo cancels a deprecation that did not exist before', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [{ ImageId: IMAGE, State: 'available' }] })
      .resolves({ Images: [{ ImageId: IMAGE, DeprecationTime: '2026-02-15T00:00:00.000Z' }] });
    ec2.on(EnableImageDeprecationCommand).resolves({});
    ec2.on(DisableImageDeprecationCommand).resolves({});
    const step = stepFor({ remediation: { action: 'deprecate', params: { inDays: 14 } } });
    const { action, before, out } = await roundTrip(step);
    expect(sent(EnableImageDeprecationCommand)).toEqual([
      { ImageId: IMAGE, DeprecateAt: new Date('2026-02-15T00:00:00.000Z') },
    ]);
    expect(out.undo).toEqual({ previousDeprecationTime: null });
    expect(await action.undo!(ctx, { step, before, after: out.after, undo: out.undo })).toBe(
      'deprecation cancelled',
    );
    expect(sent(DisableImageDeprecationCommand)).toEqual([{ ImageId: IMAGE }]);
  });

  it('undo restores a later previous deprecation time', async () => {
    ec2.on(EnableImageDeprecationCommand).resolves({});
    const step = stepFor({ remediation: { action: 'deprecate', params: { inDays: 1 } } });
    await ACTIONS.deprecate.undo!(ctx, {
      step,
      before: null,
      after: null,
      undo: { previousDeprecationTime: '2027-01-01T00:00:00.000Z' },
    });
    expect(sent(EnableImageDeprecationCommand)).toEqual([
      { ImageId: IMAGE, DeprecateAt: new Date('2027-01-01T00:00:00.000Z') },
    ]);
  });

  it.each([
    ['2026-01-10T00:00:00.000Z', true],
    ['2026-12-01T00:00:00.000Z', false],
    [null, false],
  ])('existing deprecation %s counts as done: %s', (existing, done) => {
    const step = stepFor({ remediation: { action: 'deprecate', params: { inDays: 14 } } });
    expect(ACTIONS.deprecate.done(step, { deprecationTime: existing })).toBe(done);
  });
});

describe('disable', () => {
  it('saves the launch permissions it wipes; undo re-enables and re-shares them', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [{ ImageId: IMAGE, State: 'available' }] })
      .resolvesOnce({ Images: [{ ImageId: IMAGE, State: 'disabled' }] })
      .resolves({ Images: [{ ImageId: IMAGE, State: 'disabled' }] });
    ec2
      .on(DescribeImageAttributeCommand)
      .resolvesOnce({
        LaunchPermissions: [
          { UserId: '222222222222' },
          { OrganizationalUnitArn: 'arn:aws:organizations::1:ou/o-a/ou-b' },
        ],
      })
      .resolves({ LaunchPermissions: [] });
    ec2.on(DisableImageCommand).resolves({});
    ec2.on(EnableImageCommand).resolves({});
    ec2.on(ModifyImageAttributeCommand).resolves({});
    const step = stepFor({ remediation: { action: 'disable' } });
    const { action, before, out } = await roundTrip(step);
    expect(sent(DisableImageCommand)).toEqual([{ ImageId: IMAGE }]);
    expect(out.undo).toEqual({
      launchPermissions: [
        { userId: '222222222222' },
        { organizationalUnitArn: 'arn:aws:organizations::1:ou/o-a/ou-b' },
      ],
    });
    const line = await action.undo!(ctx, { step, before, after: out.after, undo: out.undo });
    expect(line).toMatch(
      /re-enabled; re-added launch permissions: 222222222222, arn:aws:organizations::1:ou\/o-a\/ou-b/,
    );
    expect(sent(EnableImageCommand)).toEqual([{ ImageId: IMAGE }]);
    expect(sent(ModifyImageAttributeCommand)).toEqual([
      {
        ImageId: IMAGE,
        LaunchPermission: {
          Add: [
            { UserId: '222222222222' },
            { OrganizationalUnitArn: 'arn:aws:organizations::1:ou/o-a/ou-b' },
          ],
        },
      },
    ]);
  });
});

describe('deregister', () => {
  it('passes DeleteAssociatedSnapshots and reports per-snapshot results; no undo', async () => {
    ec2.on(ListImagesInRecycleBinCommand).resolves({ Images: [] });
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        {
          ImageId: IMAGE,
          State: 'available',
          BlockDeviceMappings: [{ Ebs: { SnapshotId: 'snap-1' } }, { Ebs: { SnapshotId: 'snap-2' } }],
        },
      ],
    });
    ec2.on(DeregisterImageCommand).resolves({
      Return: true,
      DeleteSnapshotResults: [
        { SnapshotId: 'snap-1', ReturnCode: 'success' },
        { SnapshotId: 'snap-2', ReturnCode: 'skipped' },
      ],
    });
    const step = stepFor({ remediation: { action: 'deregister', params: { deleteSnapshots: true } } });
    const { action, out } = await roundTrip(step);
    expect(sent(DeregisterImageCommand)).toEqual([{ ImageId: IMAGE, DeleteAssociatedSnapshots: true }]);
    expect(out.snapshotResults).toEqual([
      { snapshotId: 'snap-1', returnCode: 'success' },
      { snapshotId: 'snap-2', returnCode: 'skipped' },
    ]);
    expect(out.result).toBe(
      'deregistered; not in the Recycle Bin; snapshots: snap-1 success, snap-2 skipped',
    );
    expect(out.undo).toBeUndefined();
    await expect(action.undo!(ctx, { step, before: null, after: out.after, undo: out.undo })).rejects.toThrow(
      new UndoRefused('cannot be undone: deregistered and not in the Recycle Bin'),
    );
    expect(action.done(step, null)).toBe(true);
  });

  it('records the Recycle Bin entry when a retention rule kept the AMI', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: IMAGE, State: 'available' }] });
    ec2.on(DeregisterImageCommand).resolves({ Return: true });
    ec2.on(ListImagesInRecycleBinCommand).resolves({
      Images: [
        { ImageId: IMAGE, RecycleBinEnterTime: NOW, RecycleBinExitTime: new Date('2026-02-08T00:00:00Z') },
      ],
    });
    const { out } = await roundTrip(stepFor({ remediation: { action: 'deregister' } }));
    const recycleBin = { enterTime: NOW.toISOString(), exitTime: '2026-02-08T00:00:00.000Z' };
    expect(out.undo).toEqual({ recycleBin });
    expect(out.after).toEqual({ deregistered: true, recycleBin });
    expect(out.result).toBe('deregistered; in the Recycle Bin until 2026-02-08T00:00:00.000Z');
  });

  const bin = (exitTime: string) => ({ recycleBin: { enterTime: '2026-01-25T00:00:00.000Z', exitTime } });
  it.each([
    [
      'in the bin: restores it',
      bin('2026-02-08T00:00:00Z'),
      [IMAGE],
      true,
      /^restored from the Recycle Bin$/,
    ],
    ['exit time passed', bin('2026-01-31T00:00:00Z'), [IMAGE], false, /retention ended at 2026-01-31/],
    ['no longer in the bin', bin('2026-02-08T00:00:00Z'), [], false, /no longer in the Recycle Bin/],
    ['never in the bin', undefined, [IMAGE], false, /deregistered and not in the Recycle Bin/],
    // Recovered after a crash (null) or a failed look-up: the status is unknown, so undo looks in the bin.
    [
      'status unknown (recovered), in the bin',
      null,
      [IMAGE],
      true,
      /was unknown .* found it in the Recycle Bin/,
    ],
    [
      'status unknown, not in the bin',
      { recycleBin: 'unknown' },
      [],
      false,
      /status was unknown when it was deregistered, and it is not in the Recycle Bin now/,
    ],
  ])('undo: %s', async (_name, undo, inBin, restores, reason) => {
    ec2.on(ListImagesInRecycleBinCommand).resolves({
      Images: inBin.map((id) => ({ ImageId: id, RecycleBinEnterTime: NOW, RecycleBinExitTime: NOW })),
    });
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    ec2.on(RestoreImageFromRecycleBinCommand).resolves({ Return: true });
    const step = stepFor({ remediation: { action: 'deregister' } });
    const run = ACTIONS.deregister.undo!(ctx, { step, before: null, after: {}, undo });
    if (restores) await expect(run).resolves.toMatch(reason);
    else await expect(run).rejects.toThrow(reason);
    expect(sent(RestoreImageFromRecycleBinCommand)).toEqual(restores ? [{ ImageId: IMAGE }] : []);
  });
});

describe('enable-block-public-access', () => {
  const finding: Partial<Finding> = {
    remediation: { action: 'enable-block-public-access' },
  };
  function bpaStep(): PlanStep {
    const f = imageFinding(finding);
    f.resource = {
      ...f.resource,
      type: 'account-region',
      id: '111111111111/us-east-1',
      arn: 'arn:aws:ec2:us-east-1:111111111111:',
    };
    return planRemediation(report([f]), { maxActions: 1 }, NOW).steps[0];
  }

  it.each([
    ['unblocked', 1],
    ['block-new-sharing-was-off', 0],
  ])('enables it; undo disables only if it was unblocked (%s)', async (previous, disables) => {
    ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: 'unblocked' });
    ec2
      .on(EnableImageBlockPublicAccessCommand)
      .resolves({ ImageBlockPublicAccessState: 'block-new-sharing' });
    ec2.on(DisableImageBlockPublicAccessCommand).resolves({});
    const step = bpaStep();
    const { action, before, out } = await roundTrip(step);
    expect(sent(EnableImageBlockPublicAccessCommand)).toEqual([
      { ImageBlockPublicAccessState: 'block-new-sharing' },
    ]);
    const undo = previous === 'unblocked' ? out.undo : { previousState: 'block-new-sharing' };
    await action.undo!(ctx, { step, before, after: out.after, undo });
    expect(sent(DisableImageBlockPublicAccessCommand)).toHaveLength(disables);
  });

  it('refuses a setting managed by a declarative policy', async () => {
    ec2
      .on(GetImageBlockPublicAccessStateCommand)
      .resolves({ ImageBlockPublicAccessState: 'unblocked', ManagedBy: 'declarative-policy' });
    await expect(roundTrip(bpaStep())).rejects.toThrow(/declarative policy/);
    expect(sent(EnableImageBlockPublicAccessCommand)).toHaveLength(0);
  });
});

describe('tag', () => {
  it('adds the tags; undo deletes added keys and restores overwritten values', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: [{ ImageId: IMAGE, Tags: [{ Key: 'owner', Value: 'old' }] }] });
    ec2.on(CreateTagsCommand).resolves({});
    ec2.on(DeleteTagsCommand).resolves({});
    const step = stepFor({
      remediation: { action: 'tag', params: { tags: { 'amiaudit:review': '{ruleId}', owner: 'secops' } } },
    });
    const { action, before, out } = await roundTrip(step);
    expect(before).toEqual({ tags: { 'amiaudit:review': null, owner: 'old' } });
    expect(sent(CreateTagsCommand)).toEqual([
      {
        Resources: [IMAGE],
        Tags: [
          { Key: 'amiaudit:review', Value: 'unused-amis' },
          { Key: 'owner', Value: 'secops' },
        ],
      },
    ]);
    await action.undo!(ctx, { step, before, after: out.after, undo: out.undo });
    expect(sent(DeleteTagsCommand)).toEqual([
      { Resources: [IMAGE], Tags: [{ Key: 'amiaudit:review', Value: 'unused-amis' }] },
    ]);
    expect(sent(CreateTagsCommand)[1]).toEqual({
      Resources: [IMAGE],
      Tags: [{ Key: 'owner', Value: 'old' }],
    });
  });
});
