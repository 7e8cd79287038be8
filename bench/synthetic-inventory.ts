import { DEFAULT_REGIONS } from '../src/emulator/regions.js';
import { seededRandom } from '../src/emulator/rng.js';
import {
  COLLECTORS,
  type ImageRecord,
  INVENTORY_SCHEMA_VERSION,
  type LaunchPermission,
  type OrgAccount,
  type OrgUnit,
  type SegmentRecord,
} from '../src/inventory/schema.js';
import { createInventoryWriter } from '../src/inventory/writer.js';

/** Parameters of a synthetic organization's inventory. */
export interface SyntheticInventoryOptions {
  images: number;
  accounts: number;
  regions: number;
  seed: number;
  /** Collected "now"; creation and launch dates spread over the two years before. */
  collectedAt: string;
  /** Share of account-region segments that failed (default 0.001). */
  failedSegmentRate?: number;
}

/** What was generated, for the benchmark's printout. */
export interface SyntheticInventoryStats {
  records: number;
  images: number;
  usage: number;
  snapshots: number;
  segments: number;
  failedSegments: number;
  bytes: number;
}

// The 17 regions every account has enabled by default, as the emulator serves them.
const REGIONS = DEFAULT_REGIONS;

const FAMILIES = ['golden-base', 'web', 'api', 'worker', 'batch', 'bastion', 'db-proxy', 'ml-train'];
const TEAMS = ['platform', 'payments', 'search', 'data', 'identity', 'growth'];
const ENVS = ['prod', 'staging', 'dev'];
const ORG_ID = 'o-abcdefghij';
const ROOT = 'r-ab12';
const DAY = 86_400_000;

function accountId(i: number): string {
  return String(100_000_000_000 + i * 7919);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Writes a reproducible synthetic inventory: `images` AMIs spread over `accounts` × `regions`, named in
 * families with dated versions, tagged (some tags missing), shared (mostly within the organization, some
 * with foreign accounts or publicly), each with one backing snapshot, a third of them in use (some from
 * another account), plus the segment and account-region records a real collect writes, a few segments
 * failed. Streams to disk, so the size is bounded by the disk, not memory.
 */
export async function writeSyntheticInventory(
  path: string,
  opts: SyntheticInventoryOptions,
): Promise<SyntheticInventoryStats> {
  const rnd = seededRandom(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const nRegions = Math.min(opts.regions, REGIONS.length);
  const regions = REGIONS.slice(0, nRegions);
  const now = Date.parse(opts.collectedAt);
  const failedRate = opts.failedSegmentRate ?? 0.001;

  const ous: OrgUnit[] = [{ id: ROOT, name: 'Root' }];
  for (let i = 0; i < 12; i++) {
    ous.push({
      id: `ou-ab12-${hex(0x1000_0000 + i, 8)}`,
      name: `ou-${i}`,
      parentId: i < 4 ? ROOT : ous[1 + (i % 4)].id,
    });
  }
  const accounts: OrgAccount[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    accounts.push({
      id: accountId(i),
      name: `account-${i}`,
      status: 'ACTIVE',
      parentId: ous[1 + (i % 12)].id,
    });
  }

  const writer = createInventoryWriter(path, { chunkChars: 1024 * 1024, highWaterMark: 16 * 1024 * 1024 });
  const stats: SyntheticInventoryStats = {
    records: 0,
    images: 0,
    usage: 0,
    snapshots: 0,
    segments: 0,
    failedSegments: 0,
    bytes: 0,
  };
  const put = async (record: Parameters<typeof writer.write>[0]): Promise<void> => {
    stats.records++;
    if (!writer.write(record)) await writer.drain();
  };

  await put({
    kind: 'header',
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    collectedAt: opts.collectedAt,
    tool: { name: 'amiaudit-bench', version: '0' },
    organization: { id: ORG_ID, managementAccountId: accounts[0].id, accounts, ous },
    requestedAccounts: accounts.map((a) => a.id),
    regions,
    collectors: [...COLLECTORS],
  });

  const cells = opts.accounts * nRegions;
  let imageSeq = 0;
  let snapSeq = 0;
  let instSeq = 0;
  for (let cell = 0; cell < cells; cell++) {
    const acct = accounts[Math.floor(cell / nRegions)].id;
    const region = regions[cell % nRegions];
    const count = Math.floor(((cell + 1) * opts.images) / cells) - Math.floor((cell * opts.images) / cells);

    for (const collector of COLLECTORS) {
      const accountLevel = collector === 'assume-role' || collector === 'regions';
      if (accountLevel && cell % nRegions !== 0) continue;
      const failed = !accountLevel && rnd() < failedRate;
      const seg: SegmentRecord = {
        kind: 'segment',
        account: acct,
        region: accountLevel ? '*' : region,
        collector,
        status: failed ? 'access-denied' : 'ok',
        calls: 1 + Math.floor(rnd() * 5),
        durationMs: Math.round(rnd() * 2000),
      };
      if (failed) seg.error = 'UnauthorizedOperation: You are not authorized to perform this operation.';
      stats.segments++;
      if (failed) stats.failedSegments++;
      await put(seg);
    }
    await put({
      kind: 'account-region',
      account: acct,
      region,
      imageBlockPublicAccess: rnd() < 0.9 ? 'block-new-sharing' : 'unblocked',
      snapshotBlockPublicAccess: rnd() < 0.9 ? 'block-all-sharing' : 'unblocked',
    });

    const cellImages: string[] = [];
    for (let k = 0; k < count; k++) {
      const imageId = `ami-${hex(0x1000_0000_0 + imageSeq++ * 104_729, 17)}`;
      const snapshotId = `snap-${hex(0x2000_0000_0 + snapSeq++ * 7_919, 17)}`;
      const family = pick(FAMILIES);
      // Most images come from pipelines that rebuild regularly; a tail is old.
      const created = now - Math.floor((rnd() < 0.75 ? rnd() * 85 : rnd() * 730) * DAY);
      const createdIso = new Date(created).toISOString();
      const sizeGiB = pick([8, 8, 8, 16, 30, 50, 100]);
      const tags: Record<string, string> = { Name: family };
      if (rnd() < 0.95) tags.Owner = `${pick(TEAMS)}@example.com`;
      if (rnd() < 0.9) tags.Team = pick(TEAMS);
      if (rnd() < 0.85) tags.Environment = pick(ENVS);
      if (rnd() < 0.5) tags.CostCenter = `cc-${Math.floor(rnd() * 100)}`;
      if (rnd() < 0.02) tags['amiaudit:hold'] = 'true';
      const perms: LaunchPermission[] = [];
      const share = rnd();
      if (share < 0.2) perms.push({ userId: accounts[Math.floor(rnd() * accounts.length)].id });
      else if (share < 0.205) perms.push({ userId: String(900_000_000_000 + Math.floor(rnd() * 1e6)) });
      else if (share < 0.225)
        perms.push({ organizationArn: `arn:aws:organizations::${accounts[0].id}:organization/${ORG_ID}` });
      else if (share < 0.226)
        perms.push({ organizationArn: 'arn:aws:organizations::999999999999:organization/o-zzzzzzzzzz' });
      const isPublic = rnd() < 0.001;
      if (isPublic) perms.push({ group: 'all' });
      const image: ImageRecord = {
        kind: 'image',
        account: acct,
        region,
        imageId,
        name:
          rnd() < 0.97
            ? `${family}-${createdIso.slice(0, 10).replaceAll('-', '')}-${String(k % 10_000).padStart(4, '0')}`
            : `tmp image ${k}`,
        ownerId: acct,
        creationDate: createdIso,
        state: 'available',
        public: isPublic,
        platformDetails: 'Linux/UNIX',
        usageOperation: 'RunInstances',
        architecture: rnd() < 0.8 ? 'x86_64' : 'arm64',
        imageType: 'machine',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        virtualizationType: 'hvm',
        hypervisor: 'xen',
        bootMode: 'uefi-preferred',
        enaSupport: true,
        sriovNetSupport: 'simple',
        imdsSupport: 'v2.0',
        deregistrationProtection: 'disabled',
        tags,
        blockDevices: [
          {
            deviceName: '/dev/xvda',
            snapshotId,
            volumeSize: sizeGiB,
            volumeType: 'gp3',
            encrypted: rnd() < 0.95,
          },
        ],
        launchPermissions: perms,
      };
      if (rnd() < 0.8) image.description = `${family} image built by pipeline run ${Math.floor(rnd() * 1e6)}`;
      if (rnd() < 0.6)
        image.lastLaunchedTime = new Date(created + Math.floor(rnd() * (now - created))).toISOString();
      if (cellImages.length > 0 && rnd() < 0.3) {
        image.sourceImageId = cellImages[Math.floor(rnd() * cellImages.length)];
        image.sourceImageRegion = region;
      }
      if (rnd() < 0.05) image.deprecationTime = new Date(created + 365 * DAY).toISOString();
      cellImages.push(imageId);
      stats.images++;
      await put(image);

      stats.snapshots++;
      await put({
        kind: 'snapshot',
        account: acct,
        region,
        snapshotId,
        volumeSizeGiB: sizeGiB,
        fullSizeBytes: Math.floor(sizeGiB * 1024 ** 3 * (0.2 + rnd() * 0.5)),
        storageTier: rnd() < 0.95 ? 'standard' : 'archive',
        encrypted: image.blockDevices[0].encrypted,
        startTime: createdIso,
        public: rnd() < 0.0005,
      });

      const use = rnd();
      if (use < 0.33) {
        const users = 1 + Math.floor(rnd() * 3);
        for (let u = 0; u < users; u++) {
          // One reference in ten comes from another account of the organization.
          const other = rnd() < 0.1 ? accounts[Math.floor(rnd() * accounts.length)].id : acct;
          const source = pick([
            'instance',
            'instance',
            'instance',
            'launch-template',
            'auto-scaling-group',
          ] as const);
          const refId =
            source === 'instance'
              ? `i-${hex(instSeq++, 17)}`
              : source === 'launch-template'
                ? `lt-${hex(instSeq++, 17)}:1`
                : `asg-${family}-${instSeq++}`;
          stats.usage++;
          await put({ kind: 'usage', imageId, account: other, region, source, refId });
        }
      }
    }
  }
  await writer.close();
  const { stat } = await import('node:fs/promises');
  stats.bytes = (await stat(path)).size;
  return stats;
}
