import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORLD } from '../../src/app/demo.js';
import { main } from '../../src/cli/main.js';
import { loadWorld, type World } from '../../src/emulator/index.js';
import { VERSION } from '../../src/version.js';
import { emulatorEnv, useEmulator, withEmulator } from '../support/emulator.js';

const emulator = useEmulator(() => ({ world: loadWorld(DEMO_WORLD), port: 0 }));
const dir = mkdtempSync(join(tmpdir(), 'amiaudit-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit is recognisable in CloudTrail', () => {
  it('every call carries amiaudit/<version> in its user agent, every AssumeRole an amiaudit-<run> session name', async () => {
    const env = { ...process.env };
    Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: 'us-east-1' });
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await main([
        'collect',
        '--endpoint-url',
        emulator.url,
        '--org',
        '--regions',
        'us-east-1',
        '--output',
        join(dir, 'i.jsonl'),
        '--quiet',
      ]);
    } finally {
      quiet.mockRestore();
      process.env = env;
    }
    const agents = emulator.userAgentsSeen();
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toContain(`amiaudit/${VERSION}`);
    const names = new Set([...emulator.state.sessions.values()].map((s) => s.sessionName));
    expect(names.size).toBe(1);
    expect([...names][0]).toMatch(/^amiaudit-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  });
});

describe('ARNs follow the caller partition', () => {
  it('assumes roles and names resources in aws-us-gov when GetCallerIdentity answers in aws-us-gov', async () => {
    const region = 'us-gov-west-1';
    const world: World = {
      partition: 'aws-us-gov',
      organization: { id: 'o-gov0000001', managementAccountId: '111111111111' },
      regions: [region],
      accounts: [{ id: '111111111111' }, { id: '222222222222', roles: ['AmiAuditRole'] }],
      images: [
        {
          imageId: 'ami-0123456789abcdef0',
          account: '222222222222',
          region,
          name: 'gov',
          creationDate: 'now-3d',
        },
      ],
    };
    const out = join(dir, 'gov');
    await withEmulator({ world, port: 0 }, async (emu) => {
      const env = { ...process.env };
      Object.assign(process.env, { ...emulatorEnv(), AWS_REGION: region });
      const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        await main([
          'scan',
          '--endpoint-url',
          emu.url,
          '--org',
          '--regions',
          region,
          '--out',
          out,
          '--quiet',
        ]);
      } finally {
        quiet.mockRestore();
        stdout.mockRestore();
        process.env = env;
      }
      // The emulator denies a role ARN of another partition, as AWS does: a session means the ARN was right.
      expect([...emu.state.sessions.values()].map((s) => s.account)).toContain('222222222222');
    });
    const report = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(report.coverage.gaps ?? []).toEqual([]);
    const arns: string[] = report.findings.map((f: { resource: { arn: string } }) => f.resource.arn);
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws-us-gov:ec2:us-gov-west-1:/);
  });
});
