import { type Static, Type as T } from '@sinclair/typebox';
import { segmentKey } from '../../inventory/inventory-index.js';
import type { ImageRecord, LaunchPermission } from '../../inventory/schema.js';
import { parseOrganizationArn, parseOuArn } from '../../inventory/visibility.js';
import { type CheckContext, type CheckSink, defineCheck } from '../check.js';

/** Parameter defaults (the schema publishes them; the check applies them). */
const DEFAULTS = {
  allowPublic: false,
  checkSharing: true,
  checkSnapshots: true,
  requireBlockPublicAccess: true,
} as const;

const Params = T.Object(
  {
    allowPublic: T.Optional(
      T.Boolean({
        default: DEFAULTS.allowPublic,
        description: 'a public AMI is not a finding (default false)',
      }),
    ),
    trustedAccounts: T.Optional(
      T.Array(T.String({ pattern: '^([0-9]{12}|organization)$' }), {
        description: 'account ids, or organization for every account of the scanned organization',
      }),
    ),
    trustedOrganizations: T.Optional(
      T.Array(T.String({ pattern: '^(o-[a-z0-9]{10,32}|self)$' }), {
        description: 'organization ids, or self for the scanned organization',
      }),
    ),
    trustedOUs: T.Optional(
      T.Array(T.String({ pattern: '^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$' }), {
        description: 'OU ids; OUs nested below them are trusted too',
      }),
    ),
    checkSharing: T.Optional(
      T.Boolean({
        default: DEFAULTS.checkSharing,
        description: 'check account/org/OU launch permissions against the trusted lists (default true)',
      }),
    ),
    checkSnapshots: T.Optional(
      T.Boolean({
        default: DEFAULTS.checkSnapshots,
        description:
          'report backing snapshots that are public or shared with untrusted accounts (default true)',
      }),
    ),
    requireBlockPublicAccess: T.Optional(
      T.Boolean({
        default: DEFAULTS.requireBlockPublicAccess,
        description: 'report account-regions whose image block public access is off (default true)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The only image block-public-access state that blocks new public sharing. */
export const BPA_BLOCKED = 'block-new-sharing';

/** Resource id of an account-region finding. */
export function accountRegionId(account: string, region: string): string {
  return `${account}/${region}`;
}

interface Trust {
  account(id: string, owner: string): boolean;
  organization(orgId: string): boolean;
  ou(orgId: string, ouId: string): boolean;
}

/**
 * Trust is decided against the scanned organization: `self` means the organization id in the inventory header,
 * so an organization or OU ARN of any other organization is never trusted unless its id is listed explicitly.
 * An OU is trusted when it or an ancestor OU is in `trustedOUs` (sharing with an OU reaches nested OUs), or
 * when its whole organization is trusted. An account is trusted when listed, when it is the owner, when it is
 * a member of a trusted organization (only the scanned org's members are known), or under a trusted OU.
 */
function buildTrust(check: Static<typeof Params>, ctx: CheckContext): Trust {
  const { index } = ctx;
  const accounts = new Set<string>();
  for (const a of check.trustedAccounts ?? []) {
    if (a === 'organization') for (const id of index.orgAccounts) accounts.add(id);
    else accounts.add(a);
  }
  const orgs = new Set<string>();
  for (const o of check.trustedOrganizations ?? []) {
    if (o === 'self') {
      if (index.orgId !== undefined) orgs.add(index.orgId);
    } else orgs.add(o);
  }
  const ous = new Set(check.trustedOUs ?? []);
  const parentOf = new Map<string, string | undefined>();
  for (const ou of index.inventory.organization.ous) parentOf.set(ou.id, ou.parentId);
  const selfTrusted = index.orgId !== undefined && orgs.has(index.orgId);
  for (const ouId of ous) for (const a of index.accountsUnderOu.get(ouId) ?? []) accounts.add(a);
  if (selfTrusted) for (const id of index.orgAccounts) accounts.add(id);

  const ouMemo = new Map<string, boolean>();
  const ownOuTrusted = (ouId: string): boolean => {
    let v = ouMemo.get(ouId);
    if (v !== undefined) return v;
    v = false;
    const seen = new Set<string>();
    for (let cur: string | undefined = ouId; cur !== undefined && !seen.has(cur); cur = parentOf.get(cur)) {
      seen.add(cur);
      if (ous.has(cur)) {
        v = true;
        break;
      }
    }
    ouMemo.set(ouId, v);
    return v;
  };

  return {
    account: (id, owner) => id === owner || accounts.has(id),
    organization: (orgId) => orgs.has(orgId),
    ou: (orgId, ouId) => orgs.has(orgId) || (orgId === index.orgId && ownOuTrusted(ouId)),
  };
}

function describePermission(p: LaunchPermission): string {
  if (p.group === 'all') return 'everyone (public)';
  if (p.userId !== undefined) return `account ${p.userId}`;
  if (p.organizationArn !== undefined) return `organization ${p.organizationArn}`;
  return `OU ${p.organizationalUnitArn}`;
}

/**
 * public-sharing, three kinds of finding:
 * - one per AMI listing every problem: public (unless `allowPublic`), and with `checkSharing` (default true)
 *   each untrusted account, organization or OU; `evidence.untrustedPrincipals` holds exactly the launch
 *   permissions to remove;
 * - one per publicly restorable (or untrusted-shared) backing snapshot, on the `ec2:snapshot` resource;
 * - one per account-region whose image block-public-access is not `block-new-sharing`.
 * Data that was not collected makes the affected part inconclusive, never a pass.
 */
export const publicSharing = defineCheck({
  type: 'public-sharing',
  title: 'AMIs and their snapshots are shared only with trusted principals',
  description: `Three kinds of finding:

- **One per AMI**, listing every sharing problem: it is public while \`allowPublic\` is false, or, with \`checkSharing\` (default true), it is shared with an account, organization or OU that is not trusted. \`evidence.untrustedPrincipals\` holds exactly the launch permissions to remove (\`{group: all}\`, \`{userId}\`, \`{organizationArn}\`, \`{organizationalUnitArn}\`), so [\`remove-launch-permissions\`](../actions/remove-launch-permissions.md) leaves the trusted ones in place. When the launch permissions were not collected, the AMI is inconclusive (with \`checkSharing\`), unless it is public, which is already a violation. A rule with \`allowPublic: true\` and \`checkSharing: false\` does not evaluate AMIs at all: the default pack uses this to give the snapshot and block-public-access checks rules of their own.
- **One per backing snapshot** (\`ec2:snapshot\`, with \`checkSnapshots\`, default true) that is publicly restorable or shared with an untrusted account. Snapshots are matched to the AMI through its block devices. A missing snapshot record makes the AMI inconclusive only when the \`snapshots\` collector failed there.
- **One per account-region** (\`account-region\`, with \`requireBlockPublicAccess\`, default true) whose image block public access is not \`block-new-sharing\`. It is inconclusive when that setting was not collected. Regions that are not enabled are skipped. The resource id is \`ACCOUNT/REGION\` and its ARN \`arn:PARTITION:ec2:REGION:ACCOUNT:account-region\` (PARTITION is \`aws\`, \`aws-us-gov\` or \`aws-cn\`, from the region).

Trust is decided against the scanned organization:

- an account is trusted when it is listed in \`trustedAccounts\` (\`organization\`: every account of the scanned organization), is the owner, is a member of a trusted organization (only the scanned organization's members are known), or sits under a trusted OU;
- \`self\` in \`trustedOrganizations\` means the organization id in the inventory header; an organization or OU ARN of any other organization is never trusted unless that organization's id is listed;
- an OU is trusted when it, or an OU above it, is in \`trustedOUs\` and it belongs to the scanned organization, or when its whole organization is trusted.

Data that was not collected makes the affected part inconclusive, never a pass.`,
  example: `- id: ami-public-sharing
  title: AMIs are never public and shared only inside the organization
  severity: critical
  check:
    type: public-sharing
    trustedAccounts: [organization]
    trustedOrganizations: [self]
  remediation: { action: make-private }`,
  resourceTypes: ['ec2:image', 'ec2:snapshot', 'account-region'],
  params: Params,
  collectors: (check) => [
    'launch-permissions',
    ...((check.checkSnapshots ?? DEFAULTS.checkSnapshots) ? (['snapshots'] as const) : []),
    ...((check.requireBlockPublicAccess ?? DEFAULTS.requireBlockPublicAccess) ? (['settings'] as const) : []),
  ],
  remediation: { kinds: ['sharing', 'guardrail', 'annotation'], irreversible: false },
  create(check, ctx) {
    const allowPublic = check.allowPublic ?? DEFAULTS.allowPublic;
    const checkSharing = check.checkSharing ?? DEFAULTS.checkSharing;
    // A rule that only audits snapshots or block-public-access settings does not evaluate the AMI itself.
    const checksImage = !allowPublic || checkSharing;
    const checkSnapshots = check.checkSnapshots ?? DEFAULTS.checkSnapshots;
    const requireBpa = check.requireBlockPublicAccess ?? DEFAULTS.requireBlockPublicAccess;
    const { index } = ctx;
    const trust = buildTrust(check, ctx);
    const seenSnapshots = new Uint8Array(index.inventory.snapshots.length);

    const collectorOk = (account: string, region: string, collector: string): boolean =>
      index.segments.get(segmentKey(account, region))?.get(collector)?.status === 'ok';

    const snapshotVerdict = (ref: number, img: ImageRecord, sink: CheckSink): void => {
      if (seenSnapshots[ref] === 1) return;
      seenSnapshots[ref] = 1;
      const snap = index.inventory.snapshots[ref];
      if (!snap.public && (snap.sharedWith === undefined || snap.sharedWith.length === 0)) {
        sink.passSnapshot(ref);
        return;
      }
      const problems: string[] = [];
      if (snap.public) problems.push('is publicly restorable');
      const untrusted = (snap.sharedWith ?? []).filter((a) => !trust.account(a, snap.account));
      if (untrusted.length > 0) problems.push(`is shared with untrusted account(s) ${untrusted.join(', ')}`);
      if (problems.length === 0) {
        sink.passSnapshot(ref);
        return;
      }
      sink.finding({
        subject: { type: 'ec2:snapshot', snapshot: snap, snapshotPosition: ref, image: img },
        status: 'open',
        message: `Snapshot ${snap.snapshotId} backing AMI ${img.imageId} ${problems.join('; ')}`,
        evidence: {
          imageId: img.imageId,
          public: snap.public,
          sharedWith: snap.sharedWith ?? [],
          untrustedAccounts: untrusted,
          problems,
        },
      });
    };

    const judgeImage = (img: ImageRecord, sink: CheckSink, position: number): void => {
      const perms = img.launchPermissions;
      // Most AMIs pass: allocate the problem lists only when there is something to report.
      let problems: string[] | undefined;
      let untrusted: LaunchPermission[] | undefined;
      let isPublic = img.public;
      if (perms !== undefined) for (const p of perms) if (p.group === 'all') isPublic = true;
      if (isPublic && !allowPublic) {
        problems = ['is public'];
        untrusted = [{ group: 'all' }];
      }
      if (checkSharing && perms !== undefined) {
        for (const p of perms) {
          if (p.group === 'all') continue;
          let ok = true;
          if (p.userId !== undefined) ok = trust.account(p.userId, img.account);
          else if (p.organizationArn !== undefined) {
            const orgId = parseOrganizationArn(p.organizationArn);
            ok = orgId !== undefined && trust.organization(orgId);
          } else if (p.organizationalUnitArn !== undefined) {
            const ou = parseOuArn(p.organizationalUnitArn);
            ok = ou !== undefined && trust.ou(ou.orgId, ou.ouId);
          }
          if (!ok) {
            if (!problems) problems = [];
            if (!untrusted) untrusted = [];
            untrusted.push(p);
            problems.push(`is shared with untrusted ${describePermission(p)}`);
          }
        }
      }
      let unknown: string[] | undefined;
      if (checkSharing && perms === undefined) unknown = ['launch permissions were not collected'];
      if (checkSnapshots) {
        let missing: string[] | undefined;
        const { start, refs } = index.imageSnapshots;
        let k = start[position];
        for (const bd of img.blockDevices) {
          if (bd.snapshotId === undefined) continue;
          const ref = refs[k++];
          if (ref >= 0) snapshotVerdict(ref, img, sink);
          else {
            if (!missing) missing = [];
            missing.push(bd.snapshotId);
          }
        }
        if (missing && !collectorOk(img.account, img.region, 'snapshots')) {
          if (!unknown) unknown = [];
          unknown.push(`snapshots ${missing.join(', ')} were not collected`);
        }
      }
      if (!problems && !unknown) {
        if (checksImage) sink.pass(img);
        return;
      }
      const evidence: Record<string, unknown> = {
        public: isPublic,
        allowPublic,
        launchPermissions: perms ?? null,
        untrustedPrincipals: untrusted ?? [],
        problems: problems ?? [],
      };
      if (unknown) evidence.notCollected = unknown;
      const open = problems !== undefined;
      sink.finding({
        subject: { type: 'ec2:image', image: img },
        status: open ? 'open' : 'inconclusive',
        message: open
          ? `AMI ${img.imageId} ${problems!.join('; ')}`
          : `Sharing of AMI ${img.imageId} could not be checked: ${unknown!.join('; ')}`,
        evidence,
      });
    };

    const finish = (sink: CheckSink): void => {
      if (!requireBpa) return;
      const keys = new Set<string>();
      for (const ar of index.accountRegions.values()) keys.add(segmentKey(ar.account, ar.region));
      for (const [key, byCollector] of index.segments) {
        if (key.endsWith('\u0000*')) continue;
        let disabled = false;
        for (const seg of byCollector.values()) if (seg.status === 'region-disabled') disabled = true;
        if (disabled) keys.delete(key);
        else keys.add(key);
      }
      for (const key of [...keys].sort()) {
        const [account, region] = key.split('\u0000');
        if (!ctx.accountRegionInScope(account, region)) continue;
        const id = accountRegionId(account, region);
        const rec = index.accountRegions.get(id);
        const state = rec?.imageBlockPublicAccess;
        if (state === BPA_BLOCKED) {
          sink.passAccountRegion(id);
          continue;
        }
        const evidence: Record<string, unknown> = {
          imageBlockPublicAccess: state ?? null,
          expected: BPA_BLOCKED,
          managedBy: rec?.imageBlockPublicAccessManagedBy ?? null,
          snapshotBlockPublicAccess: rec?.snapshotBlockPublicAccess ?? null,
        };
        if (state === undefined) {
          const seg = index.segments.get(key)?.get('settings');
          evidence.settingsSegment = seg ? { status: seg.status, error: seg.error ?? null } : null;
        }
        sink.finding({
          subject: { type: 'account-region', account, region },
          status: state === undefined ? 'inconclusive' : 'open',
          message:
            state === undefined
              ? `Image block public access of ${id} was not collected`
              : `Image block public access is ${JSON.stringify(state)} in ${id}; new public sharing is allowed`,
          evidence,
        });
      }
    };

    // A rule that judges neither the AMI nor its snapshots (block-public-access only) walks no image.
    return checksImage || checkSnapshots ? { image: judgeImage, finish } : { finish };
  },
});
