import {
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { errorCode } from '../../aws/errors.js';
import type { ImageRecord, SnapshotRecord } from '../../inventory/schema.js';
import { forEachPooled } from '../pool.js';
import { paginate, type Segment } from '../segment.js';

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
 * Lists the account's own snapshots (paginated, so never the unpaginated 50/10 bucket) and, for the
 * snapshots that back owned AMIs, reads createVolumePermission: public or shared restorability of a
 * backing snapshot is what the public-sharing rule checks. Records are emitted after their attributes.
 */
export async function collectSnapshots(
  seg: Segment,
  images: ImageRecord[],
  emit: (r: SnapshotRecord) => void,
): Promise<void> {
  const ec2 = seg.session.ec2(seg.account, seg.region);
  const records: SnapshotRecord[] = [];
  await paginate(
    (NextToken) =>
      seg.call('DescribeSnapshots', () =>
        ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, NextToken })),
      ),
    (p) => p.NextToken,
    (p) => {
      for (const s of p.Snapshots ?? []) if (s.SnapshotId) records.push(toRecord(seg.account, seg.region, s));
    },
  );
  const backing = new Set(images.flatMap((img) => img.blockDevices.map((b) => b.snapshotId).filter(Boolean)));
  const queue = records.filter((r) => backing.has(r.snapshotId));
  await forEachPooled(queue, WORKERS, async (rec) => {
    try {
      const out = await seg.call('DescribeSnapshotAttribute', () =>
        ec2.send(
          new DescribeSnapshotAttributeCommand({
            SnapshotId: rec.snapshotId,
            Attribute: 'createVolumePermission',
          }),
        ),
      );
      const perms = out.CreateVolumePermissions ?? [];
      rec.public = perms.some((p) => p.Group === 'all');
      rec.sharedWith = perms.map((p) => p.UserId).filter((u): u is string => Boolean(u));
    } catch (err) {
      if (!errorCode(err).startsWith('InvalidSnapshot')) throw err;
    }
  });
  for (const r of records) emit(r);
  seg.items = records.length;
}
