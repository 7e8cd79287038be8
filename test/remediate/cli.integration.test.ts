import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv, useEmulator } from '../support/emulator.js';
import { DEV, REGION as R, ROLE } from '../support/organization.js';
import { ami } from '../support/world.js';
import { report } from './helpers.js';
import { finding, remediationRules, remediationWorld } from './world.js';

const emu = useEmulator(() => ({ world: remediationWorld(), port: 0 }), { each: true });
let dir: string;
let out: string;
let err: string;
const saved = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amiaudit-remediate-cli-'));
  Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: R });
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

function findingsFile(): string {
  const file = join(dir, 'findings.json');
  const rep = report(
    [finding(2, 'disable', {}, { verdict: 'unused' }), finding(3, 'tag'), finding(8, 'tag')],
    'cli-run',
  );
  writeFileSync(file, JSON.stringify(rep, null, 2));
  return file;
}

const aws = () => ['--endpoint-url', emu.url, '--role-name', ROLE];
/** The rule pack that confirms the tests' findings (remediate takes actions from rules, not the file). */
const rules = () => ['--rules', remediationRules(dir)];

describe('amiaudit remediate / undo', () => {
  it('plans by default: a table on stdout, nothing changed, exit 0', async () => {
    const code = await main(['remediate', ...rules(), '--findings', findingsFile(), '--out', dir, ...aws()]);
    expect(code).toBe(0);
    expect(out).toMatch(/disable\s+ami-00000000000000002/);
    expect(out).toMatch(/Totals: 3 in this run \(1 destructive, 0 irreversible\)/);
    expect(out).toMatch(/Dry run: nothing was changed/);
    expect(emu.state.images.get(ami(2))?.state).toBe('available');
    expect(existsSync(join(dir, 'remediation-journal-cli-run.jsonl'))).toBe(false);
  });

  it('--format json prints the plan as JSON; --max-actions defers the rest', async () => {
    const code = await main([
      'remediate',
      ...rules(),
      '--findings',
      findingsFile(),
      '--format',
      'json',
      '--max-actions',
      '1',
    ]);
    expect(code).toBe(0);
    const plan = JSON.parse(out).plan;
    expect(plan.steps.map((s: { action: string }) => s.action)).toEqual(['disable']);
    expect(plan.deferred).toHaveLength(2);
    expect(plan.iamActions).toEqual(['ec2:DisableImage']);
  });

  it('--apply without a terminal needs --yes (exit 2, nothing changed)', async () => {
    const code = await main([
      'remediate',
      ...rules(),
      '--findings',
      findingsFile(),
      '--apply',
      '--out',
      dir,
      ...aws(),
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/needs --yes/);
    expect(emu.state.images.get(ami(2))?.state).toBe('available');
  });

  it('--apply --yes executes, writes the journal; undo --yes reverts it', async () => {
    const code = await main([
      'remediate',
      ...rules(),
      '--findings',
      findingsFile(),
      '--apply',
      '--yes',
      '--out',
      dir,
      ...aws(),
    ]);
    expect(err).toMatch(/\[1\/3\] applied disable ami-00000000000000002/);
    expect(code).toBe(0);
    expect(out).toMatch(/Applied 3, skipped 0, failed 0/);
    expect(emu.state.images.get(ami(2))?.state).toBe('disabled');
    const journal = join(dir, 'remediation-journal-cli-run.jsonl');
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(7);

    out = '';
    expect(await main(['undo', '--journal', journal, ...aws()])).toBe(2);
    expect(await main(['undo', '--journal', journal, '--yes', ...aws()])).toBe(0);
    expect(out).toMatch(/Undone 3, failed 0/);
    expect(emu.state.images.get(ami(2))?.state).toBe('available');
    expect(emu.state.images.get(ami(2))?.launchPermissions).toEqual([{ userId: DEV }]);
  });

  it('exits 1 when a step fails', async () => {
    emu.state.faults.accessDenied.push({ account: '222222222222', region: R, api: 'CreateTags' });
    const code = await main([
      'remediate',
      ...rules(),
      '--findings',
      findingsFile(),
      '--apply',
      '--yes',
      '--out',
      dir,
      ...aws(),
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/Applied 1, skipped 0, failed 2/);
  });

  it.each([
    [['--findings', 'missing.json'], /missing\.json cannot read findings/],
    [['--max-actions', '0'], /--max-actions must be a positive integer/],
    [['--format', 'xml'], /--format must be table or json/],
    [[], /needs --findings/],
  ])('bad input %j exits 2', async (args, message) => {
    const base = args.includes('--findings')
      ? []
      : args.length && args[0] !== '--findings'
        ? ['--findings', findingsFile()]
        : [];
    const code = await main(['remediate', ...rules(), ...base, ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('a findings file that is not one is reported with its location', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "schemaVersion": "1",\n  "nope": true\n}\n');
    expect(await main(['remediate', ...rules(), '--findings', file])).toBe(2);
    expect(err).toMatch(/bad\.json:\d+:\d+ not a findings\.json/);
  });

  it('the plan table shows the IAM actions of each step; keeping snapshots needs no ec2:DeleteSnapshot', async () => {
    const file = join(dir, 'iam.json');
    const rep = report(
      [finding(4, 'deregister', {}, { verdict: 'unused' }), finding(3, 'tag'), finding(2, 'make-private')],
      'iam-run',
    );
    writeFileSync(file, JSON.stringify(rep));
    expect(await main(['remediate', ...rules(), '--findings', file])).toBe(0);
    const header = out.split('\n').find((l) => l.startsWith('#'));
    expect(header).toMatch(/IAM actions$/);
    expect(out).toMatch(
      /deregister\s+ami-00000000000000004 .*only if a Recycle Bin rule retains it\s+keep snapshots\s+ec2:DeregisterImage ec2:ListImagesInRecycleBin\n/,
    );
    expect(out).toMatch(/tag\s+ami-00000000000000003 .*\s+ec2:CreateTags\n/);
    expect(out).toMatch(/make-private\s+ami-00000000000000002 .*\s+ec2:ModifyImageAttribute\n/);
    expect(out).not.toMatch(/ec2:DeleteSnapshot/);
  });

  it.each([
    [['--only', 'no-such-rule'], 'unknown rule id "no-such-rule" (known: rule-disable, rule-tag)'],
    [['--only', 'rule-tag,typo'], 'unknown rule id "typo"'],
    [['--accounts', '12345'], '--accounts: "12345" is not a 12-digit account id'],
  ])('%j exits 2 with a clear message', async (args, message) => {
    expect(await main(['remediate', ...rules(), '--findings', findingsFile(), ...args])).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
  });

  it.each([['remediate'], ['undo']])('%s --help lists the exit codes', async (command) => {
    expect(await main([command, '--help'])).toBe(0);
    expect(out).toMatch(/exit codes: 0 .*; 1 .*; *\n?2 /s);
  });

  it('undo warns per step that re-shares an AMI, and needs --yes when not interactive', async () => {
    const file = join(dir, 'share.json');
    const rep = report(
      [
        finding(1, 'make-private'),
        finding(1, 'remove-launch-permissions', {}, { untrustedPrincipals: [{ userId: '444444444444' }] }),
        finding(3, 'tag'),
      ],
      'share-run',
    );
    writeFileSync(file, JSON.stringify(rep));
    expect(
      await main(['remediate', ...rules(), '--findings', file, '--apply', '--yes', '--out', dir, ...aws()]),
    ).toBe(0);
    expect(emu.state.images.get(ami(1))?.launchPermissions).toEqual([{ userId: DEV }]);
    const journal = join(dir, 'remediation-journal-share-run.jsonl');

    err = '';
    expect(await main(['undo', '--journal', journal, ...aws()])).toBe(2);
    const warnings = err.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings).toEqual([
      'warning: undo of make-private makes ami-00000000000000001 (222222222222/us-east-1) PUBLIC again (launch permission: all)',
      'warning: undo of remove-launch-permissions makes ami-00000000000000001 (222222222222/us-east-1) shared again with 444444444444',
    ]);
    expect(err).toMatch(/undo needs --yes when not run interactively; nothing was changed/);
    expect(emu.state.images.get(ami(1))?.launchPermissions).toEqual([{ userId: DEV }]);

    err = '';
    expect(await main(['undo', '--journal', journal, '--yes', ...aws()])).toBe(0);
    expect(err.split('\n').filter((l) => l.startsWith('warning:'))).toHaveLength(2);
    expect(emu.state.images.get(ami(1))?.launchPermissions).toEqual(
      expect.arrayContaining([{ group: 'all' }, { userId: '444444444444' }]),
    );
  });

  describe('findings.json is evidence, not instructions', () => {
    it('refuses a finding whose remediation the loaded rule does not say, names the pack and warns on its digest', async () => {
      // The repro: an age finding edited to ask for deregistration with snapshot deletion.
      const forged = finding(4, 'deprecate', { inDays: 14 });
      forged.remediation = { action: 'deregister', params: { deleteSnapshots: true } };
      const file = join(dir, 'forged.json');
      writeFileSync(file, JSON.stringify(report([forged], 'forged-run')));
      const code = await main([
        'remediate',
        ...rules(),
        '--findings',
        file,
        '--only',
        'rule-deprecate',
        '--apply',
        '--yes',
        '--out',
        dir,
        ...aws(),
      ]);
      expect(code).toBe(0);
      expect(emu.state.images.get(ami(4))?.state).toBe('available');
      expect(emu.state.snapshots.has('snap-0000000000000004')).toBe(true);
      expect(err).toMatch(/amiaudit: rules: .*rules\.yaml \(7 rules, digest sha256:[0-9a-f]{64}\)/);
      expect(err).toMatch(/warning: the findings were evaluated with other rules \(digest sha256:0\)/);
      expect(err).toMatch(/warning: 1 finding\(s\) refused/);
      expect(out).toMatch(/Refused: 1 finding\(s\)/);
      expect(out).toMatch(
        /ami-00000000000000004 .* rule-deprecate +deregister +the file asks for \{"action":"deregister","params":\{"deleteSnapshots":true\}\}, rule rule-deprecate \(.*rules\.yaml:\d+\) says \{"action":"deprecate","params":\{"inDays":14\}\}/,
      );
    });

    it('refuses a finding of a rule that is not in the loaded pack (--format json lists it)', async () => {
      const orphan = finding(3, 'tag');
      orphan.ruleId = 'rule-from-elsewhere';
      const file = join(dir, 'orphan.json');
      writeFileSync(file, JSON.stringify(report([orphan, finding(8, 'tag')], 'orphan-run')));
      expect(await main(['remediate', ...rules(), '--findings', file, '--format', 'json'])).toBe(0);
      const plan = JSON.parse(out).plan;
      expect(plan.refused).toEqual([
        expect.objectContaining({
          ruleId: 'rule-from-elsewhere',
          reason: expect.stringMatching(/rule rule-from-elsewhere is not in the loaded rules/),
        }),
      ]);
      expect(plan.steps.map((s: { resource: { id: string } }) => s.resource.id)).toEqual([ami(8)]);
    });

    it('re-evaluates the rule on the live state and skips a target the rule does not fail now', async () => {
      // The finding says image 3 is too old; live, it is a fresh image (a forged or stale target).
      emu.state.images.get(ami(3))!.creationDate = new Date(Date.now() - 86_400_000).toISOString();
      const file = join(dir, 'stale.json');
      writeFileSync(
        file,
        JSON.stringify(
          report(
            [finding(3, 'deprecate', { inDays: 14 }), finding(4, 'deprecate', { inDays: 14 })],
            'stale-run',
          ),
        ),
      );
      const code = await main([
        'remediate',
        ...rules(),
        '--findings',
        file,
        '--apply',
        '--yes',
        '--out',
        dir,
        ...aws(),
      ]);
      expect(code).toBe(0);
      expect(err).toMatch(/re-evaluated 1 rule\(s\) on the live state of 1 account\(s\) x 1 region\(s\)/);
      expect(err).toMatch(
        /skipped deprecate ami-00000000000000003 .*: rule rule-deprecate does not fail on the live state/,
      );
      expect(err).toMatch(/applied deprecate ami-00000000000000004/);
      expect(emu.state.images.get(ami(3))?.deprecationTime).toBeUndefined();
      expect(emu.state.images.get(ami(4))?.deprecationTime).toBeDefined();
      expect(existsSync(join(dir, 'remediation-journal-stale-run.live-inventory.jsonl'))).toBe(true);
    });

    it('a forged retention finding naming the newest image of its family is skipped: live, the family keeps it', async () => {
      // Image 10 becomes the family's newest (and still older than olderThanDays); image 3 stays expired.
      emu.state.images.get(ami(10))!.creationDate = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const retention = (n: number) => ({
        ...finding(n, 'tag', { tags: { retention: 'expired' } }),
        ruleId: 'rule-retention',
      });
      const file = join(dir, 'retention.json');
      writeFileSync(file, JSON.stringify(report([retention(10), retention(3)], 'retention-run')));
      const code = await main([
        'remediate',
        ...rules(),
        '--findings',
        file,
        '--apply',
        '--yes',
        '--out',
        dir,
        ...aws(),
      ]);
      expect(code).toBe(0);
      expect(err).toMatch(
        /skipped tag ami-00000000000000010 .*: rule rule-retention does not fail on the live state/,
      );
      expect(err).toMatch(/applied tag ami-00000000000000003/);
      expect(emu.state.images.get(ami(10))?.tags.has('retention')).toBe(false);
      expect(emu.state.images.get(ami(3))?.tags.get('retention')).toBe('expired');
    });
  });
});
