import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, RestoreImageFromRecycleBinCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organizationReader } from '../../src/app/organization-reader.js';
import { createAwsSession } from '../../src/aws/session.js';
import type { AwsSession } from '../../src/aws/types.js';
import { type RunningEmulator, startEmulator, type World } from '../../src/emulator/index.js';
import type { Finding } from '../../src/findings/model.js';
import { executePlan } from '../../src/remediate/executor.js';
import { Journal, type JournalRecord } from '../../src/remediate/journal.js';
import { planRemediation, stepId } from '../../src/remediate/planner.js';
import { undoJournal } from '../../src/remediate/undo.js';
import { BASE_CREDENTIALS } from '../support/emulator.js';
import { DEV, MGMT, PROD, REGION as R, ROLE, VENDOR } from '../support/organization.js';
import { ami } from '../support/world.js';
import { report } from './helpers.js';
import { bpaFinding, finding, remediationWorld } from './world.js';

type Emu = RunningEmulator;
let emu: Emu;
let session: AwsSession;
let dir: string;

async function start(world = remediationWorld()) {
  emu = await startEmulator({ world, port: 0 });
  session = createAwsSession({
    endpointUrl: emu.url,
    credentials: BASE_CREDENTIALS,
    region: R,
    roleName: ROLE,
    maxAttempts: 2,
  });
}

/** Replaces this test's emulator with one running the given world. */
async function restart(world: World) {
  session.destroy();
  await emu.close();
  await start(world);
}

// Every test mutates: each gets a fresh emulator (cheap: a few dozen objects).
beforeEach(async () => {
  await start();
  dir = mkdtempSync(join(tmpdir(), 'amiaudit-remediate-'));
});
afterEach(async () => {
  session.destroy();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const perms = (n: number) => emu.state.images.get(ami(n))?.launchPermissions.map((p) => ({ ...p }));

async function apply(
  findings: Finding[],
  maxActions = 25,
  path = join(dir, 'journal.jsonl'),
  accounts: string[] = [PROD],
) {
  const rep = report(findings, 'run-int');
  const journal = Journal.open(path, { findingsRunId: rep.run.id, findingsFile: 'findings.json' });
  const plan = planRemediation(rep, { maxActions }, new Date(), journal.applied());
  const outcomes = await executePlan(plan, {
    journal,
    runId: `apply-${Date.now()}`,
    clients: session,
    safety: { accounts, reportNow: new Date(rep.run.now) },
  });
  journal.close();
  return { plan, outcomes, path };
}

function records(path: string): JournalRecord[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

async function undo(path: string) {
  const journal = Journal.open(path);
  const out = await undoJournal(journal, { clients: session });
  journal.close();
  return out;
}

describe('remediate against the emulator', () => {
  it('applies each reversible action and undo restores the state', async () => {
    const findings = [
      finding(1, 'make-private'),
      finding(1, 'remove-launch-permissions', {}, { untrustedPrincipals: [{ userId: VENDOR }] }),
      finding(2, 'disable', {}, { verdict: 'unused' }),
      finding(3, 'deprecate', { inDays: 30 }, { verdict: 'unused' }),
      finding(8, 'tag', { tags: { 'amiaudit:review': '{ruleId}', owner: 'secops' } }),
      bpaFinding(),
    ];
    const { outcomes, path } = await apply(findings);
    expect(outcomes.map((o) => [o.step.action, o.status, o.reason])).toEqual([
      ['make-private', 'applied', undefined],
      ['remove-launch-permissions', 'applied', undefined],
      ['disable', 'applied', undefined],
      ['deprecate', 'applied', undefined],
      ['tag', 'applied', undefined],
      ['enable-block-public-access', 'applied', undefined],
    ]);
    // Only the untrusted vendor and the public share went; the trusted DEV share stayed.
    expect(perms(1)).toEqual([{ userId: DEV }]);
    expect(emu.state.images.get(ami(2))?.state).toBe('disabled');
    expect(perms(2)).toEqual([]);
    expect(emu.state.images.get(ami(3))?.deprecationTime).toBeDefined();
    expect(Object.fromEntries(emu.state.images.get(ami(8))!.tags)).toEqual({
      owner: 'secops',
      'amiaudit:review': 'rule-tag',
    });
    expect(emu.state.settings.imageBlockPublicAccess(PROD, R)).toBe('block-new-sharing');

    const undone = await undo(path);
    expect(undone.every((u) => u.status === 'undone')).toBe(true);
    // Reverse order: BPA first, so re-sharing publicly works again.
    expect(undone.map((u) => u.action)).toEqual([
      'enable-block-public-access',
      'tag',
      'deprecate',
      'disable',
      'remove-launch-permissions',
      'make-private',
    ]);
    expect(emu.state.settings.imageBlockPublicAccess(PROD, R)).toBe('unblocked');
    expect(perms(1)).toEqual(expect.arrayContaining([{ group: 'all' }, { userId: DEV }, { userId: VENDOR }]));
    expect(emu.state.images.get(ami(2))?.state).toBe('available');
    expect(perms(2)).toEqual([{ userId: DEV }]);
    expect(emu.state.images.get(ami(3))?.deprecationTime).toBeUndefined();
    expect(Object.fromEntries(emu.state.images.get(ami(8))!.tags)).toEqual({ owner: 'web' });

    // A second undo finds nothing left to do and writes nothing.
    const lines = records(path).length;
    expect(await undo(path)).toEqual([]);
    expect(records(path)).toHaveLength(lines);
  });

  it('deregisters with snapshots, journals per-snapshot results, and undo lists it as irreversible', async () => {
    const { outcomes, path } = await apply([
      finding(4, 'deregister', { deleteSnapshots: true }, { verdict: 'unused' }),
    ]);
    expect(outcomes[0].status).toBe('applied');
    expect(emu.state.images.get(ami(4))).toBeUndefined();
    expect(emu.state.snapshots.get('snap-0000000000000004')).toBeUndefined();
    const result = records(path).find((r) => r.type === 'result');
    expect(result).toMatchObject({
      status: 'applied',
      snapshotResults: [{ snapshotId: 'snap-0000000000000004', returnCode: 'success' }],
    });
    expect(result).not.toHaveProperty('undo');
    expect((result as { result?: string }).result).toMatch(/not in the Recycle Bin/);
    const undone = await undo(path);
    expect(undone).toMatchObject([
      {
        action: 'deregister',
        status: 'irreversible',
        reason: 'cannot be undone: deregistered and not in the Recycle Bin',
      },
    ]);
    // Listed again by a second undo, but not re-recorded.
    const again = await undo(path);
    expect(again).toMatchObject([{ status: 'irreversible', now: false }]);
  });

  it('undo converges when an image a step deprecated was deregistered later: "no longer exists", then nothing to do', async () => {
    // Prepare: the repro — one journal, a deprecation and then a deregistration of the same image.
    const path = join(dir, 'journal.jsonl');
    const first = await apply([finding(4, 'deprecate', { inDays: 30 }, { verdict: 'unused' })], 25, path);
    expect(first.outcomes.map((o) => o.status)).toEqual(['applied']);
    const second = await apply([finding(4, 'deregister', {}, { verdict: 'unused' })], 25, path);
    expect(second.outcomes.map((o) => o.status)).toEqual(['applied']);

    // Act
    const undone = await undo(path);
    const again = await undo(path);

    // Assess: nothing failed, the deprecation is named as impossible to undo, and a second undo only lists.
    expect(undone.map((o) => [o.action, o.status])).toEqual([
      ['deregister', 'irreversible'],
      ['deprecate', 'irreversible'],
    ]);
    expect(undone[1].reason).toBe('cannot be undone: the image no longer exists');
    expect(again.every((o) => o.now === false && o.status !== 'failed')).toBe(true);
  });

  it('a Recycle Bin look-up that fails after a deregistration is journaled as unknown, never as "not in the bin"', async () => {
    // Prepare: ListImagesInRecycleBin answers AccessDenied.
    const world = remediationWorld();
    world.faults = {
      ...(world.faults ?? {}),
      accessDenied: [...(world.faults?.accessDenied ?? []), { account: PROD, api: 'ListImagesInRecycleBin' }],
    };
    await restart(world);

    // Act
    const { outcomes, path } = await apply([finding(4, 'deregister', {}, { verdict: 'unused' })]);

    // Assess
    expect(outcomes[0].status).toBe('applied');
    expect(outcomes[0].result).toMatch(/Recycle Bin status unknown/);
    expect(outcomes[0].result).not.toMatch(/not in the Recycle Bin/);
    const result = records(path).find((r) => r.type === 'result') as { after?: { recycleBin?: unknown } };
    expect(result.after?.recycleBin).toBe('unknown');
  });

  it('journals the Recycle Bin entry of a retained AMI and undo restores it', async () => {
    await restart({
      ...remediationWorld(),
      recycleBinRules: [{ account: PROD, region: R, retentionDays: 10 }],
    });
    const { outcomes, path } = await apply([finding(10, 'deregister', {}, { verdict: 'unused' })]);
    expect(outcomes[0].status).toBe('applied');
    expect(emu.state.images.get(ami(10))).toBeUndefined();
    const result = records(path).find((r) => r.type === 'result') as { after: unknown; undo: unknown };
    const bin = (result.undo as { recycleBin: { enterTime: string; exitTime: string } }).recycleBin;
    expect(Date.parse(bin.exitTime) - Date.parse(bin.enterTime)).toBe(10 * 86_400_000);
    expect(result.after).toEqual({ deregistered: true, recycleBin: bin });

    const undone = await undo(path);
    expect(undone).toMatchObject([
      { action: 'deregister', status: 'undone', reason: 'restored from the Recycle Bin' },
    ]);
    const client = session.ec2(PROD, R);
    const live = await client.send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(live.Images?.map((i) => i.ImageId)).toContain(ami(10));
    expect(emu.state.recycleBin.list(PROD, R, new Date())).toEqual([]);
    expect(await undo(path)).toEqual([]);
  });

  it('undo of a retained deregistration restored elsewhere or gone from the bin', async () => {
    await restart({
      ...remediationWorld(),
      recycleBinRules: [{ account: PROD, region: R, retentionDays: 10 }],
    });
    const { path } = await apply([
      finding(10, 'deregister', {}, { verdict: 'unused' }),
      finding(8, 'deregister', {}, { verdict: 'unused' }),
      finding(3, 'deregister', {}, { verdict: 'unused' }),
    ]);
    await session.ec2(PROD, R).send(new RestoreImageFromRecycleBinCommand({ ImageId: ami(8) }));
    // Looking past its exit time makes the emulator purge ami 3 from the bin.
    expect(emu.state.recycleBin.get(ami(3), new Date(Date.now() + 11 * 86_400_000))).toBeUndefined();
    const undone = await undo(path);
    expect(undone.map((u) => [u.resource.id, u.status, u.reason])).toEqual([
      [
        ami(3),
        'irreversible',
        'cannot be undone: no longer in the Recycle Bin (deleted from it or restored elsewhere)',
      ],
      [ami(8), 'undone', 'already registered again (restored outside amiaudit)'],
      [ami(10), 'undone', 'restored from the Recycle Bin'],
    ]);
  });

  it('undo after the recorded exit time says the retention ended and changes nothing', async () => {
    await restart({
      ...remediationWorld(),
      recycleBinRules: [{ account: PROD, region: R, retentionDays: 1 }],
    });
    const { path } = await apply([finding(10, 'deregister', {}, { verdict: 'unused' })]);
    const journal = Journal.open(path);
    const late = await undoJournal(journal, {
      clients: session,
      now: () => new Date(Date.now() + 2 * 86_400_000),
    });
    journal.close();
    expect(late).toMatchObject([{ resource: { id: ami(10) }, status: 'irreversible' }]);
    expect(late[0].reason).toMatch(/^cannot be undone: its Recycle Bin retention ended at \d{4}-/);
    // Still in the bin (the emulator's clock is real time): undo did not try to restore it.
    expect(emu.state.recycleBin.get(ami(10), new Date())).toBeDefined();
  });

  it('skips with the reason: protection, hold tag, DLM, newly in use, inconclusive verdict, gone', async () => {
    // ami 7 became used after the report: an instance in DEV (which it is shared with).
    emu.state.usage.instances(DEV, R).push({
      instanceId: 'i-0000000000000099',
      account: DEV,
      region: R,
      imageId: ami(7),
      state: 'running',
      instanceType: 't3.micro',
      launchTime: new Date().toISOString(),
      tags: new Map(),
    });
    const findings = [
      finding(5, 'deregister', {}, { verdict: 'unused' }),
      finding(6, 'disable', {}, { verdict: 'unused' }),
      finding(9, 'deregister', {}, { verdict: 'unused' }),
      finding(7, 'disable', {}, { verdict: 'unused' }),
      finding(10, 'deregister', {}, { verdict: 'inconclusive' }),
      finding(99, 'deregister', {}, { verdict: 'unused' }),
      { ...finding(11, 'deregister'), resource: { ...finding(11, 'deregister').resource, name: 'renamed' } },
    ];
    const { outcomes } = await apply(findings);
    const reasons = Object.fromEntries(outcomes.map((o) => [o.step.resource.id, `${o.status}: ${o.reason}`]));
    expect(reasons[ami(5)]).toMatch(/^skipped: deregistration protection/);
    expect(reasons[ami(6)]).toMatch(/^skipped: hold tag amiaudit:hold/);
    expect(reasons[ami(9)]).toMatch(/^skipped: managed by Data Lifecycle Manager/);
    expect(reasons[ami(7)]).toMatch(
      /^skipped: in use: instance i-0000000000000099 .* in 333333333333\/us-east-1/,
    );
    expect(reasons[ami(10)]).toMatch(/^skipped: usage verdict in the report is inconclusive/);
    expect(reasons[ami(99)]).toMatch(/^skipped: the image no longer exists/);
    expect(reasons[ami(11)]).toMatch(/^skipped: name changed since the report/);
    for (const n of [5, 6, 7, 9, 10, 11]) expect(emu.state.images.get(ami(n))?.state).toBe('available');
  });

  it('finds use through launch templates, launch configurations and auto scaling groups', async () => {
    const { outcomes } = await apply(
      [12, 13, 14, 15, 11].map((n) => finding(n, 'deprecate', {}, { verdict: 'unused' })),
    );
    expect(outcomes.map((o) => `${o.status}: ${o.reason}`)).toEqual([
      expect.stringMatching(
        /^skipped: in use: launch template lt-00000000000000001 version 1 in 222222222222/,
      ),
      expect.stringMatching(/^skipped: in use: launch template lt-00000000000000001 version 2 in/),
      expect.stringMatching(/^skipped: in use: launch configuration legacy-lc in/),
      expect.stringMatching(
        /^skipped: in use: auto scaling group mixed \(launch template worker version 1\)/,
      ),
      expect.stringMatching(/^skipped: in use: launch template lt-00000000000000002 version 2/),
    ]);
  });

  it('--max-actions caps a run and the next run continues without repeating', async () => {
    const findings = [1, 2, 3, 8].map((n) => finding(n, 'tag'));
    const first = await apply(findings, 2);
    expect(first.outcomes.map((o) => o.step.resource.id)).toEqual([ami(1), ami(2)]);
    expect(first.plan.deferred.map((s) => s.resource.id)).toEqual([ami(3), ami(8)]);
    expect(emu.state.images.get(ami(3))!.tags.has('amiaudit:review')).toBe(false);
    const second = await apply(findings, 2, first.path);
    expect(second.plan.done).toHaveLength(2);
    expect(second.outcomes.map((o) => [o.step.resource.id, o.status])).toEqual([
      [ami(3), 'applied'],
      [ami(8), 'applied'],
    ]);
    const intents = records(first.path).filter((r) => r.type === 'intent');
    expect(intents).toHaveLength(4);
  });

  it('a failure in the middle leaves a correct journal; a re-run completes the rest only', async () => {
    emu.state.faults.accessDenied.push({ account: PROD, region: R, api: 'DisableImage' });
    const findings = [finding(3, 'tag'), finding(2, 'disable', {}, { verdict: 'unused' }), finding(8, 'tag')];
    const first = await apply(findings);
    expect(first.outcomes.map((o) => o.status)).toEqual(['applied', 'failed', 'applied']);
    expect(first.outcomes[1].reason).toMatch(/UnauthorizedOperation|AccessDenied/);
    const recs = records(first.path).filter((r) => r.type !== 'header');
    expect(recs.map((r) => `${r.type}:${'status' in r ? r.status : ''}`)).toEqual([
      'intent:',
      'result:applied',
      'intent:',
      'result:failed',
      'intent:',
      'result:applied',
    ]);
    emu.state.faults.accessDenied.length = 0;
    const second = await apply(findings, 25, first.path);
    expect(second.outcomes.map((o) => [o.step.action, o.status])).toEqual([['disable', 'applied']]);
    expect(emu.state.images.get(ami(2))?.state).toBe('disabled');
    const intentsFor = (id: string) =>
      records(first.path).filter((r) => r.type === 'intent' && r.stepId === id);
    expect(intentsFor(stepId(findings[0].resource, 'tag'))).toHaveLength(1);
    // The saved launch permissions survive the retry, so undo can re-share.
    await undo(first.path);
    expect(perms(2)).toEqual([{ userId: DEV }]);
  });

  it('an intent without result (crash) is settled by re-checking live state', async () => {
    const f = finding(2, 'disable', {}, { verdict: 'unused' });
    const path = join(dir, 'journal.jsonl');
    const rep = report([f], 'run-int');
    const step = planRemediation(rep, { maxActions: 1 }, new Date()).steps[0];
    // Simulate a run that wrote its intent, disabled the image, and died before the result.
    const journal = Journal.open(path, { findingsRunId: 'run-int', findingsFile: 'f.json' });
    journal.intent(step, 'crashed-run', { state: 'available', launchPermissions: [{ userId: DEV }] });
    journal.close();
    const img = emu.state.images.get(ami(2))!;
    img.state = 'disabled';
    img.launchPermissions = [];
    const { outcomes } = await apply([f], 25, path);
    expect(outcomes).toMatchObject([{ status: 'applied', recovered: true }]);
    expect(records(path).filter((r) => r.type === 'intent')).toHaveLength(1);
    await undo(path);
    expect(emu.state.images.get(ami(2))?.state).toBe('available');
    expect(perms(2)).toEqual([{ userId: DEV }]);
  });

  it('checks usage in the accounts an AMI is shared with via the organization', async () => {
    const img = emu.state.images.get(ami(10))!;
    img.launchPermissions = [{ organizationArn: `arn:aws:organizations::${MGMT}:organization/o-test000001` }];
    emu.state.images.reindexSharing(img);
    const withoutOrg = await apply([finding(10, 'deprecate', {}, { verdict: 'unused' })]);
    expect(withoutOrg.outcomes[0].reason).toMatch(/pass --org/);

    // With the organization readable, every member account is checked: DEV runs it.
    emu.state.usage.instances(DEV, R).push({
      instanceId: 'i-0000000000000077',
      account: DEV,
      region: R,
      imageId: ami(10),
      state: 'stopped',
      instanceType: 't3.micro',
      launchTime: new Date().toISOString(),
      tags: new Map(),
    });
    const rep = report([finding(10, 'deprecate', {}, { verdict: 'unused' })], 'run-org');
    const journal = Journal.open(join(dir, 'org.jsonl'));
    const outcomes = await executePlan(planRemediation(rep, { maxActions: 5 }, new Date()), {
      journal,
      runId: 'org',
      clients: session,
      safety: {
        accounts: [PROD],
        reportNow: new Date(rep.run.now),
        organization: organizationReader(session),
      },
    });
    journal.close();
    expect(outcomes[0].reason).toMatch(/^in use: instance i-0000000000000077 \(stopped\) in 333333333333/);
    expect(emu.state.images.get(ami(10))?.deprecationTime).toBeUndefined();
  });

  it('an SSM alias in a launch template that cannot be resolved is "may be in use", not proof', async () => {
    const world = remediationWorld();
    world.launchTemplates?.push({
      launchTemplateId: 'lt-00000000000000009',
      name: 'golden',
      account: DEV,
      region: R,
      versions: [{ number: 1, imageId: 'resolve:ssm:/golden/al2023/latest' }],
    });
    await restart(world);
    const { outcomes } = await apply([finding(3, 'deprecate', {}, { verdict: 'unused' })], 25, undefined, [
      PROD,
      DEV,
    ]);
    expect(outcomes.map((o) => `${o.status}: ${o.reason}`)).toEqual([
      'skipped: may be in use: launch template lt-00000000000000009 version 1 uses resolve:ssm:/golden/al2023/latest, which could not be resolved in 333333333333/us-east-1',
    ]);
    expect(emu.state.images.get(ami(3))?.deprecationTime).toBeUndefined();
  });

  it('leaves out of the usage check an account whose region is not enabled (DescribeRegions), and journals it', async () => {
    const world = remediationWorld();
    world.regions = [R, 'eu-west-1'];
    const dev = world.accounts.find((a) => a.id === DEV)!;
    dev.regions = [R];
    world.images = [...(world.images ?? [])];
    world.images.push({
      imageId: ami(16),
      account: PROD,
      region: 'eu-west-1',
      name: 'app-16',
      creationDate: '2024-01-01T00:00:00.000Z',
    });
    await restart(world);
    const f = finding(16, 'deprecate', { inDays: 30 }, { verdict: 'unused' });
    f.resource = {
      ...f.resource,
      region: 'eu-west-1',
      arn: `arn:aws:ec2:eu-west-1:${PROD}:image/${ami(16)}`,
    };
    const { outcomes, path } = await apply([f], 25, undefined, [PROD, DEV]);
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([['applied', undefined]]);
    expect(emu.state.images.get(ami(16))?.deprecationTime).toBeDefined();
    const result = records(path).find((r) => r.type === 'result');
    expect(result).toMatchObject({
      status: 'applied',
      evidence: { usageNotChecked: [{ account: DEV, region: 'eu-west-1', reason: 'region not enabled' }] },
    });

    // Any other failure of the usage check stays doubt: skip.
    emu.state.faults.accessDenied.push({ account: DEV, region: R, api: 'DescribeInstances' });
    const other = await apply(
      [finding(3, 'deprecate', {}, { verdict: 'unused' })],
      25,
      join(dir, 'j2.jsonl'),
      [PROD, DEV],
    );
    expect(other.outcomes[0].status).toBe('skipped');
    expect(other.outcomes[0].reason).toMatch(/^cannot check usage in 333333333333\/us-east-1: /);
  });

  it('checks the identity of the image for every action, not only when the evidence has a creation date', async () => {
    const bare = (n: number, action: string, evidence: Record<string, unknown> = {}) => {
      const f = finding(n, action, {}, evidence);
      delete f.evidence.creationDate;
      f.id = `${f.id}-${Object.keys(evidence).join('')}`;
      return f;
    };
    const noName = bare(10, 'tag');
    noName.resource = { ...noName.resource, name: undefined };
    const findings = [
      bare(1, 'make-private'),
      bare(1, 'remove-launch-permissions', { untrustedPrincipals: [{ userId: VENDOR }] }),
      bare(8, 'tag'),
      noName,
      finding(3, 'tag', {}, { creationDate: '2023-06-01T00:00:00.000Z' }),
      finding(2, 'make-private', {}, { state: 'disabled' }),
    ];
    const { outcomes } = await apply(findings);
    expect(outcomes.map((o) => [o.step.action, o.step.resource.id, o.status, o.reason])).toEqual([
      [
        'make-private',
        ami(1),
        'skipped',
        'the report does not identify the image precisely enough (no creation date in the finding)',
      ],
      [
        'remove-launch-permissions',
        ami(1),
        'skipped',
        'the report does not identify the image precisely enough (no creation date in the finding)',
      ],
      ['tag', ami(8), 'applied', undefined],
      [
        'tag',
        ami(10),
        'skipped',
        'the report does not identify the image precisely enough (neither name nor creation date)',
      ],
      [
        'tag',
        ami(3),
        'skipped',
        'creation date changed since the report (2023-06-01T00:00:00.000Z → 2024-01-01T00:00:00.000Z): not the same image',
      ],
      ['make-private', ami(2), 'skipped', 'state changed since the report (disabled → available)'],
    ]);
    expect(perms(1)).toEqual([{ group: 'all' }, { userId: DEV }, { userId: VENDOR }]);
  });

  it('--max-actions counts only steps acted on: skipped steps do not use up the cap', async () => {
    const findings = [
      finding(12, 'deprecate', {}, { verdict: 'unused' }), // in use: skipped
      finding(5, 'deregister', {}, { verdict: 'unused' }), // protected: skipped
      finding(3, 'tag'),
      finding(8, 'tag'),
    ];
    const first = await apply(findings, 1);
    expect(first.outcomes.map((o) => [o.step.resource.id, o.status])).toEqual([
      [ami(12), 'skipped'],
      [ami(5), 'skipped'],
      [ami(3), 'applied'],
    ]);
    expect(emu.state.images.get(ami(8))!.tags.has('amiaudit:review')).toBe(false);
    const second = await apply(findings, 1, first.path);
    expect(second.outcomes.map((o) => [o.step.resource.id, o.status])).toEqual([
      [ami(12), 'skipped'],
      [ami(5), 'skipped'],
      [ami(8), 'applied'],
    ]);
  });

  it('two findings asking to deprecate one AMI make one step at the earliest date', async () => {
    const age = finding(3, 'deprecate', { inDays: 14 }, { verdict: 'unused' });
    const unused = { ...finding(3, 'deprecate', { inDays: 30 }, { verdict: 'unused' }), id: 'fp-3-unused' };
    unused.ruleId = 'ami-unused';
    const before = Date.now();
    const { outcomes } = await apply([age, unused]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].step.ruleIds).toEqual(['rule-deprecate', 'ami-unused']);
    const at = Date.parse(emu.state.images.get(ami(3))!.deprecationTime!);
    expect(Math.abs(at - (before + 14 * 86_400_000))).toBeLessThan(5 * 60_000);
  });
});
