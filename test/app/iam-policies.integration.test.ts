import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoWorld } from '../../src/app/demo.js';
import {
  fillPolicies,
  IAM_POLICIES_PAGE,
  readOnlyPolicy,
  remediationPolicy,
  scannerPolicy,
} from '../../src/app/iam-policies.js';
import { scan } from '../../src/app/scan.js';
import { CHECK_TYPES } from '../../src/catalog/check-registry.js';
import { loadRules } from '../../src/rules/load.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { useEmulator } from '../support/emulator.js';

const emu = useEmulator(() => ({ world: loadDemoWorld(undefined), port: 0 }));

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'amiaudit-iam-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const actionsOf = (p: { Statement: { Action: string[] }[] }) => p.Statement.flatMap((s) => s.Action);

describe('generated IAM policies', () => {
  it('cover every call a full scan of the demo organization makes, with every check type loaded', async () => {
    // Prepare: the default pack holds a rule of every check type, so every collector runs.
    const rulesPath = join(PACKAGE_ROOT, 'rules');
    const { rules } = await loadRules([rulesPath]);
    expect(new Set(rules.map((r) => r.check.type))).toEqual(new Set(CHECK_TYPES));
    const allowed = new Set([...actionsOf(readOnlyPolicy()), ...actionsOf(scannerPolicy())]);

    // Act
    const outcome = await scan(
      {
        aws: {
          endpointUrl: emu.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'demo' },
          roleName: 'AmiAuditRole',
        },
        targets: { org: true },
        regions: 'all',
        rulesPaths: [rulesPath],
        out: join(work, 'reports'),
        formats: ['json'],
        failOn: 'none',
        allowPartial: true,
        failOnNew: false,
        quiet: true,
      },
      { stderr: new PassThrough(), stdout: new PassThrough(), env: {}, cwd: work },
    );

    // Assess
    expect(outcome.exitCode).toBe(0);
    const seen = emu.actionsSeen();
    expect(seen.length).toBeGreaterThan(8);
    expect(seen.filter((a) => !allowed.has(a))).toEqual([]);
  });

  it('keep writes out of the read-only role and every action of the catalog in the remediation policy', () => {
    const read = actionsOf(readOnlyPolicy());
    expect(read.filter((a) => !/^[a-z0-9]+:(Describe|Get|List)/.test(a))).toEqual([]);
    const remediation = actionsOf(remediationPolicy());
    for (const a of [
      'ec2:DeregisterImage',
      'ec2:EnableImageDeprecation',
      'ec2:CreateTags',
      'ec2:RestoreImageFromRecycleBin',
    ])
      expect(remediation).toContain(a);
  });

  it('are the ones the IAM reference page shows (run npm run docs when this fails)', async () => {
    const page = await readFile(join(PACKAGE_ROOT, IAM_POLICIES_PAGE), 'utf8');
    expect(fillPolicies(page)).toBe(page);
  });
});
