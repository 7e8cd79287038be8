import { createHash } from 'node:crypto';
import { resolveTime } from './time.js';
import type {
  World,
  WorldAccountInput,
  WorldImageInput,
  WorldLaunchPermissionInput,
  WorldLaunchTemplateSpecInput,
} from './world.js';

export type ImageBpaState = 'unblocked' | 'block-new-sharing';
export type SnapshotBpaState = 'unblocked' | 'block-new-sharing' | 'block-all-sharing';

export interface LaunchPermission {
  userId?: string;
  organizationArn?: string;
  organizationalUnitArn?: string;
  group?: 'all';
}

export interface EmuAccount {
  id: string;
  name: string;
  email: string;
  parentId?: string;
  member: boolean;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  regions: Set<string>;
  roles: Set<string>;
  externalId?: string;
  imageBpa: Map<string, ImageBpaState>;
  defaultImageBpa: ImageBpaState;
  snapshotBpa: Map<string, SnapshotBpaState>;
  defaultSnapshotBpa: SnapshotBpaState;
}

export interface EmuBlockDevice {
  deviceName: string;
  snapshotId?: string;
  volumeSize: number;
  volumeType: string;
  encrypted: boolean;
}

export interface EmuImage {
  imageId: string;
  account: string;
  region: string;
  name: string;
  description?: string;
  creationDate: string;
  state: 'available' | 'pending' | 'failed' | 'disabled';
  platform?: string;
  architecture: string;
  deprecationTime?: string;
  lastLaunchedTime?: string;
  deregistrationProtection: boolean;
  sourceImageId?: string;
  sourceImageRegion?: string;
  imageOwnerAlias?: string;
  tags: Map<string, string>;
  launchPermissions: LaunchPermission[];
  blockDevices: EmuBlockDevice[];
}

/** An AMI a Recycle Bin rule retained at DeregisterImage: restorable until exitTime. */
export interface EmuBinnedImage {
  image: EmuImage;
  enterTime: string;
  exitTime: string;
}

export interface EmuSnapshot {
  snapshotId: string;
  account: string;
  region: string;
  volumeSize: number;
  storageTier: 'standard' | 'archive';
  encrypted: boolean;
  description: string;
  startTime: string;
  tags: Map<string, string>;
  createVolumePermissions: { group?: 'all'; userId?: string }[];
}

export interface EmuInstance {
  instanceId: string;
  account: string;
  region: string;
  imageId: string;
  state: string;
  instanceType: string;
  launchTime: string;
  tags: Map<string, string>;
}

export interface EmuLaunchTemplate {
  launchTemplateId: string;
  name: string;
  account: string;
  region: string;
  defaultVersion: number;
  versions: { number: number; imageId?: string }[];
}

export interface EmuLaunchConfiguration {
  name: string;
  account: string;
  region: string;
  imageId: string;
  instanceType: string;
}

export interface EmuLtSpec {
  launchTemplateId?: string;
  launchTemplateName?: string;
  version?: string;
}

export interface EmuAutoScalingGroup {
  name: string;
  account: string;
  region: string;
  launchConfigurationName?: string;
  launchTemplate?: EmuLtSpec;
  mixedInstancesPolicy?: {
    launchTemplate: {
      launchTemplateSpecification: EmuLtSpec;
      overrides: { instanceType?: string; launchTemplateSpecification?: EmuLtSpec }[];
    };
  };
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
}

export interface EmuOrganization {
  id: string;
  arn: string;
  managementAccountId: string;
  rootId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  ous: { id: string; name: string; parentId: string }[];
}

export interface EmuFaults {
  assumeRoleDenied: Set<string>;
  accessDenied: { account: string; region?: string; api: string }[];
  errorRate: number;
  slow: { api?: string; account?: string; region?: string; delayMs: number }[];
}

export interface Session {
  account: string;
  roleName: string;
  sessionName: string;
}

export const DEFAULT_ROLES = ['OrganizationAccountAccessRole', 'AmiAuditRole'];

/** Normalises an account id given as a number or a string to 12 digits. */
export function accountId(v: string | number): string {
  return String(v).padStart(12, '0');
}

/** When a world resource that omits its creation time was made. */
const DEFAULT_CREATED = '2025-01-01T00:00:00.000Z';

function tagMap(tags: Record<string, string | number | boolean> | undefined): Map<string, string> {
  return new Map(Object.entries(tags ?? {}).map(([k, v]) => [k, String(v)]));
}

function lp(p: WorldLaunchPermissionInput): LaunchPermission {
  if ('userId' in p) return { userId: accountId(p.userId) };
  if ('organizationArn' in p) return { organizationArn: p.organizationArn };
  if ('organizationalUnitArn' in p) return { organizationalUnitArn: p.organizationalUnitArn };
  return { group: 'all' };
}

function ltSpec(s: WorldLaunchTemplateSpecInput | undefined): EmuLtSpec | undefined {
  return s ? { ...s } : undefined;
}

/** Key of an (account, region) index. */
export function arKey(account: string, region: string): string {
  return `${account}/${region}`;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function pushTo<T>(map: Map<string, T[]>, key: string, v: T): void {
  const arr = map.get(key);
  if (arr) arr.push(v);
  else map.set(key, [v]);
}

/** True when the launch permission lets `account` (in org `orgArn`, under OUs `ouIds`) launch the image. */
function permits(
  p: LaunchPermission,
  account: string,
  orgArn: string | undefined,
  ouIds: Set<string>,
): boolean {
  if (p.group === 'all') return true;
  if (p.userId) return p.userId === account;
  if (p.organizationArn) return orgArn !== undefined && p.organizationArn === orgArn;
  if (p.organizationalUnitArn) {
    const ou = p.organizationalUnitArn.slice(p.organizationalUnitArn.lastIndexOf('/') + 1);
    return orgArn !== undefined && p.organizationalUnitArn.includes(`/${orgArnId(orgArn)}/`) && ouIds.has(ou);
  }
  return false;
}

/** True when the resource is in the account and region of the scope (an absent one matches any). */
function inScope(
  r: { account: string; region: string },
  scope: { account?: string; region?: string },
): boolean {
  return (
    (scope.account === undefined || r.account === scope.account) &&
    (scope.region === undefined || r.region === scope.region)
  );
}

function orgArnId(orgArn: string): string {
  return orgArn.slice(orgArn.lastIndexOf('/') + 1);
}

/**
 * The emulator's mutable world, indexed by (account, region) so each request is cheap.
 * Tests read it through the getters to observe what remediation changed.
 */
export class EmulatorState {
  readonly organization?: EmuOrganization;
  readonly callerAccount: string;
  readonly accounts = new Map<string, EmuAccount>();
  readonly faults: EmuFaults;
  readonly sessions = new Map<string, Session>();

  private readonly imagesById = new Map<string, EmuImage>();
  private readonly imagesByAr = new Map<string, Map<string, EmuImage>>();
  /** Images with at least one launch permission, per region: what other accounts may see. */
  private readonly sharedByRegion = new Map<string, Set<EmuImage>>();
  private readonly snapshotsById = new Map<string, EmuSnapshot>();
  private readonly snapshotsByAr = new Map<string, Map<string, EmuSnapshot>>();
  private readonly instancesByAr = new Map<string, EmuInstance[]>();
  private readonly templatesByAr = new Map<string, EmuLaunchTemplate[]>();
  private readonly configsByAr = new Map<string, EmuLaunchConfiguration[]>();
  private readonly groupsByAr = new Map<string, EmuAutoScalingGroup[]>();
  private readonly ouAncestorsCache = new Map<string, Set<string>>();

  /** Recycle Bin retention (days) per account-region; absent = DeregisterImage deletes for good. */
  private readonly binRetention = new Map<string, number>();
  private readonly binnedById = new Map<string, EmuBinnedImage>();

  private readonly now: Date;
  private readonly ssmParameters = new Map<string, string>();

  constructor(world: World, now: Date = new Date()) {
    this.now = now;
    for (const p of world.ssmParameters ?? []) {
      this.ssmParameters.set(`${arKey(accountId(p.account), p.region)}|${p.name}`, p.value);
    }
    for (const r of world.recycleBinRules ?? []) {
      this.binRetention.set(arKey(accountId(r.account), r.region), r.retentionDays);
    }
    const defaultRegions = world.regions ?? ['us-east-1'];
    const org = world.organization;
    if (org) {
      const mgmt = accountId(org.managementAccountId);
      const rootId = org.rootId ?? `r-${org.id.slice(2, 6).padEnd(4, '0')}`;
      this.organization = {
        id: org.id,
        arn: `arn:aws:organizations::${mgmt}:organization/${org.id}`,
        managementAccountId: mgmt,
        rootId,
        featureSet: org.featureSet ?? 'ALL',
        ous: (org.ous ?? []).map((o) => ({ ...o })),
      };
    }
    for (const a of world.accounts) this.addAccount(a, defaultRegions);
    this.callerAccount = accountId(
      world.callerAccount ?? org?.managementAccountId ?? world.accounts[0]?.id ?? '000000000000',
    );
    for (const s of world.snapshots ?? []) {
      this.addSnapshot({
        snapshotId: s.snapshotId,
        account: accountId(s.account),
        region: s.region,
        volumeSize: s.volumeSize ?? 8,
        storageTier: s.storageTier ?? 'standard',
        encrypted: s.encrypted ?? false,
        description: s.description ?? '',
        startTime: this.iso(s.startTime) ?? DEFAULT_CREATED,
        tags: tagMap(s.tags),
        createVolumePermissions: (s.createVolumePermissions ?? []).map((p) =>
          'group' in p ? { group: 'all' as const } : { userId: accountId(p.userId) },
        ),
      });
    }
    for (const i of world.images ?? []) this.addImage(i);
    for (const i of world.instances ?? []) {
      const inst: EmuInstance = {
        instanceId: i.instanceId,
        account: accountId(i.account),
        region: i.region,
        imageId: i.imageId,
        state: i.state ?? 'running',
        instanceType: i.instanceType ?? 't3.micro',
        launchTime: this.iso(i.launchTime) ?? '2026-01-01T00:00:00.000Z',
        tags: tagMap(i.tags),
      };
      pushTo(this.instancesByAr, arKey(inst.account, inst.region), inst);
    }
    for (const t of world.launchTemplates ?? []) {
      const versions = [...t.versions].sort((a, b) => a.number - b.number);
      const lt: EmuLaunchTemplate = {
        launchTemplateId: t.launchTemplateId,
        name: t.name,
        account: accountId(t.account),
        region: t.region,
        defaultVersion: t.defaultVersion ?? versions[versions.length - 1].number,
        versions,
      };
      pushTo(this.templatesByAr, arKey(lt.account, lt.region), lt);
    }
    for (const c of world.launchConfigurations ?? []) {
      const lc = { ...c, account: accountId(c.account), instanceType: c.instanceType ?? 't3.micro' };
      pushTo(this.configsByAr, arKey(lc.account, lc.region), lc);
    }
    for (const g of world.autoScalingGroups ?? []) {
      const asg: EmuAutoScalingGroup = {
        name: g.name,
        account: accountId(g.account),
        region: g.region,
        launchConfigurationName: g.launchConfigurationName,
        launchTemplate: ltSpec(g.launchTemplate),
        mixedInstancesPolicy: g.mixedInstancesPolicy
          ? {
              launchTemplate: {
                launchTemplateSpecification: {
                  ...g.mixedInstancesPolicy.launchTemplate.launchTemplateSpecification,
                },
                overrides: (g.mixedInstancesPolicy.launchTemplate.overrides ?? []).map((o) => ({
                  instanceType: o.instanceType,
                  launchTemplateSpecification: ltSpec(o.launchTemplateSpecification),
                })),
              },
            }
          : undefined,
        minSize: g.minSize ?? 1,
        maxSize: g.maxSize ?? 3,
        desiredCapacity: g.desiredCapacity ?? g.minSize ?? 1,
      };
      pushTo(this.groupsByAr, arKey(asg.account, asg.region), asg);
    }
    const f = world.faults ?? {};
    this.faults = {
      assumeRoleDenied: new Set((f.assumeRoleDenied ?? []).map(accountId)),
      accessDenied: (f.accessDenied ?? []).map((d) => ({ ...d, account: accountId(d.account) })),
      errorRate: f.errorRate ?? 0,
      slow: (f.slow ?? []).map((s) => ({
        ...s,
        account: s.account === undefined ? undefined : accountId(s.account),
      })),
    };
  }

  /** A world time as a full ISO string; relative times count from when the state was built. */
  private iso(v: string | Date | undefined): string | undefined {
    return resolveTime(v, this.now);
  }

  private addAccount(a: WorldAccountInput, defaultRegions: string[]): void {
    const id = accountId(a.id);
    const imageBpa = typeof a.imageBlockPublicAccess === 'object' ? a.imageBlockPublicAccess : {};
    const snapBpa = typeof a.snapshotBlockPublicAccess === 'object' ? a.snapshotBlockPublicAccess : {};
    const member = a.member ?? this.organization !== undefined;
    this.accounts.set(id, {
      id,
      name: a.name ?? `account-${id}`,
      email: a.email ?? `aws+${id}@example.com`,
      parentId: member ? (a.parentId ?? this.organization?.rootId) : undefined,
      member,
      status: a.status ?? 'ACTIVE',
      regions: new Set(a.regions ?? defaultRegions),
      roles: new Set(a.roles ?? DEFAULT_ROLES),
      externalId: a.externalId,
      imageBpa: new Map(Object.entries(imageBpa)),
      defaultImageBpa: typeof a.imageBlockPublicAccess === 'string' ? a.imageBlockPublicAccess : 'unblocked',
      snapshotBpa: new Map(Object.entries(snapBpa)),
      defaultSnapshotBpa:
        typeof a.snapshotBlockPublicAccess === 'string' ? a.snapshotBlockPublicAccess : 'unblocked',
    });
  }

  private addSnapshot(s: EmuSnapshot): void {
    this.snapshotsById.set(s.snapshotId, s);
    const key = arKey(s.account, s.region);
    getOrCreate(this.snapshotsByAr, key, () => new Map()).set(s.snapshotId, s);
  }

  private addImage(i: WorldImageInput): void {
    const account = accountId(i.account);
    const perms = (i.launchPermissions ?? []).map(lp);
    if (i.public && !perms.some((p) => p.group === 'all')) perms.push({ group: 'all' });
    const devices = i.blockDevices ?? [{}];
    const blockDevices = devices.map((d, n) => {
      const snapshotId = d.snapshotId ?? derivedSnapshotId(i.imageId, n);
      const dev: EmuBlockDevice = {
        deviceName: d.deviceName ?? (n === 0 ? '/dev/xvda' : `/dev/sd${String.fromCharCode(98 + n)}`),
        snapshotId,
        volumeSize: d.volumeSize ?? 8,
        volumeType: d.volumeType ?? 'gp3',
        encrypted: d.encrypted ?? false,
      };
      if (snapshotId && !this.snapshotsById.has(snapshotId)) {
        this.addSnapshot({
          snapshotId,
          account,
          region: i.region,
          volumeSize: dev.volumeSize,
          storageTier: 'standard',
          encrypted: dev.encrypted,
          description: `Created by CreateImage(i-0000000000000000) for ${i.imageId}`,
          startTime: this.iso(i.creationDate) ?? DEFAULT_CREATED,
          tags: new Map(),
          createVolumePermissions: [],
        });
      }
      return dev;
    });
    const img: EmuImage = {
      imageId: i.imageId,
      account,
      region: i.region,
      name: i.name,
      description: i.description,
      creationDate: this.iso(i.creationDate) ?? DEFAULT_CREATED,
      state: i.state ?? 'available',
      platform: i.platform,
      architecture: i.architecture ?? 'x86_64',
      deprecationTime: this.iso(i.deprecationTime),
      lastLaunchedTime: this.iso(i.lastLaunchedTime),
      deregistrationProtection: i.deregistrationProtection ?? false,
      sourceImageId: i.sourceImageId,
      sourceImageRegion: i.sourceImageRegion,
      imageOwnerAlias: i.imageOwnerAlias,
      tags: tagMap(i.tags),
      launchPermissions: perms,
      blockDevices,
    };
    this.indexImage(img);
  }

  /** Registers an image in every index (world load and RestoreImageFromRecycleBin). */
  private indexImage(img: EmuImage): void {
    this.imagesById.set(img.imageId, img);
    getOrCreate(this.imagesByAr, arKey(img.account, img.region), () => new Map()).set(img.imageId, img);
    this.reindexSharing(img);
  }

  /** Keeps the per-region "visible to others" index in step with an image's launch permissions. */
  reindexSharing(img: EmuImage): void {
    const set = getOrCreate(this.sharedByRegion, img.region, () => new Set());
    if (img.launchPermissions.length > 0 && this.imagesById.has(img.imageId)) set.add(img);
    else set.delete(img);
  }

  /** The image with this id, in any account or region. */
  image(imageId: string): EmuImage | undefined {
    return this.imagesById.get(imageId);
  }

  /** Every image, optionally only those of one account and/or region. */
  images(filter: { account?: string; region?: string } = {}): EmuImage[] {
    if (filter.account !== undefined && filter.region !== undefined) {
      return [...(this.imagesByAr.get(arKey(filter.account, filter.region))?.values() ?? [])];
    }
    return [...this.imagesById.values()].filter((i) => inScope(i, filter));
  }

  /** Images owned by the account in the region, in insertion order. */
  ownedImages(account: string, region: string): Iterable<EmuImage> {
    return this.imagesByAr.get(arKey(account, region))?.values() ?? [];
  }

  /** Images in the region that carry any launch permission. */
  sharedImages(region: string): Iterable<EmuImage> {
    return this.sharedByRegion.get(region) ?? [];
  }

  /** True when `account` may launch `img` (owner, explicit user, org, OU or public). */
  canLaunch(img: EmuImage, account: string): boolean {
    if (img.account === account) return true;
    return img.launchPermissions.some((p) => this.permitsAccount(p, account));
  }

  /** True when the launch permission names the account explicitly or through its org/OU (not public). */
  permitsAccount(p: LaunchPermission, account: string): boolean {
    const acct = this.accounts.get(account);
    const orgArn = acct?.member ? this.organization?.arn : undefined;
    return permits(p, account, orgArn, this.ouAncestors(account));
  }

  /** The OU ids that contain the account, directly or through nesting. */
  ouAncestors(account: string): Set<string> {
    let set = this.ouAncestorsCache.get(account);
    if (set) return set;
    set = new Set();
    const byId = new Map((this.organization?.ous ?? []).map((o) => [o.id, o]));
    let parent = this.accounts.get(account)?.parentId;
    for (let depth = 0; parent && depth < 20; depth++) {
      const ou = byId.get(parent);
      if (!ou) break;
      set.add(ou.id);
      parent = ou.parentId;
    }
    this.ouAncestorsCache.set(account, set);
    return set;
  }

  /** Removes an image (DeregisterImage). */
  removeImage(img: EmuImage): void {
    this.imagesById.delete(img.imageId);
    this.imagesByAr.get(arKey(img.account, img.region))?.delete(img.imageId);
    this.sharedByRegion.get(img.region)?.delete(img);
  }

  /** Days a Recycle Bin rule retains deregistered AMIs of the account-region (undefined: no rule). */
  recycleBinRetentionDays(account: string, region: string): number | undefined {
    return this.binRetention.get(arKey(account, region));
  }

  /** Deregisters into the Recycle Bin: invisible to DescribeImages, restorable until `now + days`. */
  moveToRecycleBin(img: EmuImage, now: Date, days: number): EmuBinnedImage {
    this.removeImage(img);
    const entry = {
      image: img,
      enterTime: now.toISOString(),
      exitTime: new Date(now.getTime() + days * 86_400_000).toISOString(),
    };
    this.binnedById.set(img.imageId, entry);
    return entry;
  }

  /** The image in the Recycle Bin with this id; entries past their exit time are gone for good. */
  binnedImage(imageId: string, now: Date): EmuBinnedImage | undefined {
    const e = this.binnedById.get(imageId);
    if (e && e.exitTime <= now.toISOString()) {
      this.binnedById.delete(imageId);
      return undefined;
    }
    return e;
  }

  /** Images of the account-region in the Recycle Bin (still retained at `now`), in entry order. */
  binnedImages(account: string, region: string, now: Date): EmuBinnedImage[] {
    return [...this.binnedById.keys()]
      .map((id) => this.binnedImage(id, now))
      .filter((e): e is EmuBinnedImage => e?.image.account === account && e.image.region === region);
  }

  /** RestoreImageFromRecycleBin: registered again (available) with its attributes and launch permissions. */
  restoreFromRecycleBin(entry: EmuBinnedImage): void {
    const img = entry.image;
    this.binnedById.delete(img.imageId);
    if (img.state === 'disabled') img.state = 'available';
    this.indexImage(img);
  }

  /** The snapshot with this id. */
  snapshot(snapshotId: string): EmuSnapshot | undefined {
    return this.snapshotsById.get(snapshotId);
  }

  /** Every snapshot, optionally of one account and/or region. */
  snapshots(filter: { account?: string; region?: string } = {}): EmuSnapshot[] {
    return [...this.snapshotsById.values()].filter((s) => inScope(s, filter));
  }

  /** Snapshots owned by the account in the region. */
  ownedSnapshots(account: string, region: string): Iterable<EmuSnapshot> {
    return this.snapshotsByAr.get(arKey(account, region))?.values() ?? [];
  }

  /** Removes a snapshot (DeleteSnapshot). */
  removeSnapshot(s: EmuSnapshot): void {
    this.snapshotsById.delete(s.snapshotId);
    this.snapshotsByAr.get(arKey(s.account, s.region))?.delete(s.snapshotId);
  }

  /** Images (still registered) whose block devices use the snapshot. */
  imagesUsingSnapshot(snapshotId: string): EmuImage[] {
    const s = this.snapshotsById.get(snapshotId);
    if (!s) return [];
    return [...this.ownedImages(s.account, s.region)].filter((i) =>
      i.blockDevices.some((d) => d.snapshotId === snapshotId),
    );
  }

  instances(account: string, region: string): EmuInstance[] {
    return this.instancesByAr.get(arKey(account, region)) ?? [];
  }

  /** The value of an SSM parameter in an account-region (what `resolve:ssm:NAME` resolves to). */
  ssmParameter(account: string, region: string, name: string): string | undefined {
    return this.ssmParameters.get(`${arKey(account, region)}|${name}`);
  }

  launchTemplates(account: string, region: string): EmuLaunchTemplate[] {
    return this.templatesByAr.get(arKey(account, region)) ?? [];
  }

  launchConfigurations(account: string, region: string): EmuLaunchConfiguration[] {
    return this.configsByAr.get(arKey(account, region)) ?? [];
  }

  autoScalingGroups(account: string, region: string): EmuAutoScalingGroup[] {
    return this.groupsByAr.get(arKey(account, region)) ?? [];
  }

  /** Image block-public-access state of an account-region. */
  imageBlockPublicAccess(account: string, region: string): ImageBpaState {
    const a = this.accounts.get(account);
    return a?.imageBpa.get(region) ?? a?.defaultImageBpa ?? 'unblocked';
  }

  setImageBlockPublicAccess(account: string, region: string, state: ImageBpaState): void {
    this.accounts.get(account)?.imageBpa.set(region, state);
  }

  /** Snapshot block-public-access state of an account-region. */
  snapshotBlockPublicAccess(account: string, region: string): SnapshotBpaState {
    const a = this.accounts.get(account);
    return a?.snapshotBpa.get(region) ?? a?.defaultSnapshotBpa ?? 'unblocked';
  }

  /** True when the account has the region enabled (unknown accounts have none). */
  regionEnabled(account: string, region: string): boolean {
    return this.accounts.get(account)?.regions.has(region) ?? false;
  }
}

/** A stable snapshot id for a block device the world file did not name. */
function derivedSnapshotId(imageId: string, n: number): string {
  return `snap-${createHash('sha1').update(`${imageId}/${n}`).digest('hex').slice(0, 17)}`;
}
