import type { Snapshot } from '@aws-sdk/client-ec2';
import { describeCreateVolumePermissions, listOwnedSnapshots } from '../../aws/ec2/snapshots.js';
import { errorCode } from '../../aws/errors.js';
import type { ImageRecord, SnapshotRecord } from '../../inventory/schema.js';
import type { Collector } from '../collector.js';
import { forEachPooled } from '../pool.js';
import type { Segment } from '../segment.js';

const WORKERS = 8;

function toRecord(account: string, region: string, s: Snapshot): SnapshotRecord {
  const r: SnapshotRecord = {
    kind: 'snapshot',
    account,
    region,
    snapshotId: s.SnapshotId!,
    volumeSizeGiB: s.VolumeSize ?? 0,
    public: false,
  };
  if (s.FullSnapshotSizeInBytes !== undefined) r.fullSizeBytes = s.FullSnapshotSizeInBytes;
  if (s.StorageTier) r.storageTier = s.StorageTier;
  if (s.Encrypted !== undefined) r.encrypted = s.Encrypted;
  if (s.Description) r.description = s.Description;
  if (s.StartTime)
    r.startTime = s.StartTime instanceof Date ? s.StartTime.toISOString() : String(s.StartTime);
  return r;
}

/**
 * Lists the account's own snapshots and, for the snapshots that back owned AMIs, reads
 * createVolumePermission: public or shared restorability of a backing snapshot is what the
 * public-sharing rule checks. Records are emitted after their attributes.
 */
export async function collectSnapshots(
  seg: Segment,
  images: ImageRecord[],
  emit: (r: SnapshotRecord) => void,
): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  const records: SnapshotRecord[] = [];
  for await (const s of listOwnedSnapshots(ec2, seg.call)) {
    if (s.SnapshotId) records.push(toRecord(seg.account, seg.region, s));
  }
  const backing = new Set(images.flatMap((img) => img.blockDevices.map((b) => b.snapshotId).filter(Boolean)));
  const queue = records.filter((r) => backing.has(r.snapshotId));
  await forEachPooled(queue, WORKERS, async (rec) => {
    try {
      const perms = await describeCreateVolumePermissions(ec2, rec.snapshotId, seg.call);
      rec.public = perms.some((p) => p.Group === 'all');
      rec.sharedWith = perms.map((p) => p.UserId).filter((u): u is string => Boolean(u));
    } catch (err) {
      if (!errorCode(err).startsWith('InvalidSnapshot')) throw err;
    }
  });
  for (const r of records) emit(r);
  seg.items = records.length;
}

/** The snapshots of the account and who may restore the ones backing its AMIs. */
export const snapshotsCollector: Collector<'snapshots'> = {
  name: 'snapshots',
  dependsOn: ['images'],
  uses: [],
  iamActions: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute'],
  async run(ctx) {
    await collectSnapshots(ctx.segment, ctx.dependency('images'), ctx.emit);
    return undefined;
  },
};
