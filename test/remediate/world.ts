import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../../src/emulator/index.js';
import type { Finding } from '../../src/findings/model.js';
import { DEV, MGMT, PROD, REGION as R, VENDOR } from '../support/organization.js';
import { account, ami, launchTemplate, mixedGroup, organization, workerOverride } from '../support/world.js';
import { imageResource } from './helpers.js';

/** Images in PROD us-east-1, one per scenario. */
export function remediationWorld(): World {
  const img = (n: number, extra: Record<string, unknown> = {}) => ({
    imageId: ami(n),
    account: PROD,
    region: R,
    name: `app-${n}`,
    creationDate: '2024-01-01T00:00:00.000Z',
    ...extra,
  });
  return {
    organization: organization('o-test000001', 'test', []),
    regions: [R],
    accounts: [
      account(MGMT),
      account(PROD, { imageBlockPublicAccess: 'unblocked' }),
      account(DEV),
      account(VENDOR, { member: false }),
    ],
    images: [
      img(1, { public: true, launchPermissions: [{ group: 'all' }, { userId: DEV }, { userId: VENDOR }] }),
      img(2, { launchPermissions: [{ userId: DEV }] }),
      img(3),
      img(4, {
        blockDevices: [{ deviceName: '/dev/xvda', snapshotId: 'snap-0000000000000004', volumeSize: 8 }],
      }),
      img(5, { deregistrationProtection: true }),
      img(6, { tags: { 'amiaudit:hold': 'legal' } }),
      img(7, { launchPermissions: [{ userId: DEV }] }),
      img(8, { tags: { owner: 'web' } }),
      img(9, { tags: { 'aws:dlm:lifecycle-policy-id': 'policy-1' } }),
      img(10),
      img(11),
      img(12),
      img(13),
      img(14),
      img(15),
    ],
    launchTemplates: [
      // $Default = v1 (ami 12), $Latest = v2 (ami 13)
      launchTemplate(1, 'web', PROD, [ami(12), ami(13)], 1),
      // v1 (ami 15) is neither $Default nor $Latest: only an ASG override pins it.
      launchTemplate(2, 'worker', PROD, [ami(15), ami(11)]),
    ],
    launchConfigurations: [{ name: 'legacy-lc', account: PROD, region: R, imageId: ami(14) }],
    autoScalingGroups: [mixedGroup(PROD, [workerOverride('1')])],
    snapshots: [{ snapshotId: 'snap-0000000000000004', account: PROD, region: R, volumeSize: 8 }],
    // Terminated instances: they never count as use, and give the tests an instance list to add to.
    instances: [
      { instanceId: 'i-0000000000000001', account: DEV, region: R, imageId: ami(7), state: 'terminated' },
      { instanceId: 'i-0000000000000002', account: PROD, region: R, imageId: ami(3), state: 'terminated' },
    ],
  };
}

/** A hand-built finding on an image of the world. */
export function finding(
  n: number,
  action: string,
  params: Record<string, unknown> = {},
  evidence: Record<string, unknown> = {},
): Finding {
  return {
    id: `fp-${n}-${action}`,
    ruleId: `rule-${action}`,
    severity: 'high',
    status: 'open',
    resource: imageResource(ami(n), PROD, `app-${n}`, R),
    message: 'm',
    evidence: { creationDate: '2024-01-01T00:00:00.000Z', ...evidence },
    remediation: { action, params },
  };
}

/** The block-public-access finding of PROD/us-east-1. */
export function bpaFinding(): Finding {
  return {
    id: 'fp-bpa',
    ruleId: 'rule-bpa',
    severity: 'high',
    status: 'open',
    resource: {
      type: 'account-region',
      id: `${PROD}/${R}`,
      arn: `arn:aws:ec2:${R}:${PROD}:`,
      account: PROD,
      region: R,
    },
    message: 'm',
    evidence: { imageBlockPublicAccess: 'unblocked' },
    remediation: { action: 'enable-block-public-access' },
  };
}

/**
 * A rule pack that confirms the hand-built findings of `finding()` on the remediation world: one rule
 * `rule-<action>` per action, whose check fails live on the images the tests use (remediate acts only on
 * what the loaded rules still find). Written to `dir/rules.yaml`; returns its path.
 */
export function remediationRules(dir: string): string {
  const rule = (action: string, check: string, remediation = `{ action: ${action} }`) =>
    `  - id: rule-${action}\n    title: ${action} test rule\n    severity: high\n    check: ${check}\n    remediation: ${remediation}\n`;
  const unused = '{ type: unused, days: 90, minAgeDays: 30 }';
  const named = "{ type: match, when: [{ key: name, op: glob, value: 'app-*' }] }";
  const sharing = (allowPublic: boolean) =>
    `{ type: public-sharing, allowPublic: ${allowPublic}, checkSharing: ${allowPublic}, trustedAccounts: ['${MGMT}', '${PROD}', '${DEV}'], checkSnapshots: false, requireBlockPublicAccess: false }`;
  const text = `rules:\n${[
    rule('disable', unused),
    rule('deregister', unused),
    rule('deprecate', '{ type: age, maxDays: 365 }', '{ action: deprecate, params: { inDays: 14 } }'),
    rule('tag', named),
    rule('make-private', sharing(false)),
    rule('remove-launch-permissions', sharing(true)),
    // The family "app" keeps its newest image; the tags tell a retention finding from the others.
    rule(
      'tag',
      "{ type: retention, groupBy: { namePattern: '^(?<family>app)-\\d+$' }, keepLatest: 1, olderThanDays: 30 }",
      '{ action: tag, params: { tags: { retention: expired } } }',
    ).replace('rule-tag', 'rule-retention'),
  ].join('')}`;
  const file = join(dir, 'rules.yaml');
  writeFileSync(file, text);
  return file;
}
