import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { Pacer } from '../../src/aws/pacer.js';
import { runCollection } from '../../src/collect/run.js';
import type { InventoryRecord } from '../../src/inventory/schema.js';
import { fakeSession } from './helpers.js';

const ec2 = mockClient(EC2Client);
const ACCOUNT = '111111111111';

async function collect(
  collectors: Parameters<typeof runCollection>[0]['collectors'],
): Promise<InventoryRecord[]> {
  const records: InventoryRecord[] = [];
  await runCollection({
    session: fakeSession(ACCOUNT),
    pacer: new Pacer({ concurrency: 4, buckets: { describe: { burst: 1e6, ratePerSec: 1e6 } } }),
    targets: {},
    regions: ['us-east-1'],
    collectors,
    write: (r) => records.push(r),
  });
  return records;
}

/** Each record as `segment:<collector>` or `<kind>`, header and account-level segments left out. */
const shape = (records: InventoryRecord[]) =>
  records.flatMap((r) =>
    r.kind === 'header' || (r.kind === 'segment' && r.region === '*')
      ? []
      : [r.kind === 'segment' ? `segment:${r.collector}` : r.kind],
  );

describe('the collector scheduler', () => {
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }] });
  });

  it('skips the dependents of a failed collector with the reason, in scan order', async () => {
    ec2.on(DescribeImagesCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalError' }));
    const records = await collect(['images', 'launch-permissions', 'snapshots']);
    expect(shape(records)).toEqual(['segment:images', 'segment:launch-permissions', 'segment:snapshots']);
    expect(records.filter((r) => r.kind === 'segment' && r.status === 'skipped')).toEqual([
      expect.objectContaining({ collector: 'launch-permissions', error: 'images failed', calls: 0 }),
      expect.objectContaining({ collector: 'snapshots', error: 'images failed', calls: 0 }),
    ]);
  });

  it('writes images after their dependents finished, with launch permissions filled in, and the segment records last', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1' }] });
    ec2.on(DescribeImageAttributeCommand).resolves({ LaunchPermissions: [{ UserId: '222222222222' }] });
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    const records = await collect(['launch-permissions', 'snapshots']);
    const order = shape(records);
    // The image waits for its dependents; every segment record follows every record of the
    // account-region, so a partial inventory holding them all holds the whole account-region (--resume).
    expect(order).toEqual(['image', 'segment:images', 'segment:launch-permissions', 'segment:snapshots']);
    expect(records.find((r) => r.kind === 'image')).toMatchObject({
      launchPermissions: [{ userId: '222222222222' }],
    });
    // images joined the selection as what launch-permissions and snapshots depend on.
    expect(records[0]).toMatchObject({
      collectors: ['assume-role', 'regions', 'images', 'launch-permissions', 'snapshots'],
    });
  });
});
