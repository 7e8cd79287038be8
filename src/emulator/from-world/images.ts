import { createHash } from 'node:crypto';
import { type EmuBlockDevice, type EmuImage, ImageStore } from '../stores/images.js';
import { accountId } from '../stores/keys.js';
import type { LaunchPermission } from '../stores/launch-permission.js';
import type { SnapshotStore } from '../stores/snapshots.js';
import { resolveTime } from '../time.js';
import type { World, WorldImageInput, WorldLaunchPermissionInput } from '../world.js';
import { DEFAULT_CREATED, tagMap } from './common.js';

/** A stable snapshot id for a block device the world file did not name. */
function derivedSnapshotId(imageId: string, n: number): string {
  return `snap-${createHash('sha1').update(`${imageId}/${n}`).digest('hex').slice(0, 17)}`;
}

function launchPermissionOf(p: WorldLaunchPermissionInput): LaunchPermission {
  if ('userId' in p) return { userId: accountId(p.userId) };
  if ('organizationArn' in p) return { organizationArn: p.organizationArn };
  if ('organizationalUnitArn' in p) return { organizationalUnitArn: p.organizationalUnitArn };
  return { group: 'all' };
}

function launchPermissionsOf(i: WorldImageInput): LaunchPermission[] {
  const perms = (i.launchPermissions ?? []).map(launchPermissionOf);
  if (i.public && !perms.some((p) => p.group === 'all')) perms.push({ group: 'all' });
  return perms;
}

/** The image's block devices; a device whose snapshot the world lacks gets one, as CreateImage would. */
function blockDevicesOf(i: WorldImageInput, now: Date, snapshots: SnapshotStore): EmuBlockDevice[] {
  return (i.blockDevices ?? [{}]).map((d, n) => {
    const snapshotId = d.snapshotId ?? derivedSnapshotId(i.imageId, n);
    const dev: EmuBlockDevice = {
      deviceName: d.deviceName ?? (n === 0 ? '/dev/xvda' : `/dev/sd${String.fromCharCode(98 + n)}`),
      snapshotId,
      volumeSize: d.volumeSize ?? 8,
      volumeType: d.volumeType ?? 'gp3',
      encrypted: d.encrypted ?? false,
    };
    if (!snapshots.has(snapshotId)) {
      snapshots.add({
        snapshotId,
        account: accountId(i.account),
        region: i.region,
        volumeSize: dev.volumeSize,
        storageTier: 'standard',
        encrypted: dev.encrypted,
        description: `Created by CreateImage(i-0000000000000000) for ${i.imageId}`,
        startTime: resolveTime(i.creationDate, now) ?? DEFAULT_CREATED,
        tags: new Map(),
        createVolumePermissions: [],
      });
    }
    return dev;
  });
}

function imageOf(i: WorldImageInput, now: Date, snapshots: SnapshotStore): EmuImage {
  return {
    imageId: i.imageId,
    account: accountId(i.account),
    region: i.region,
    name: i.name,
    description: i.description,
    creationDate: resolveTime(i.creationDate, now) ?? DEFAULT_CREATED,
    state: i.state ?? 'available',
    platform: i.platform,
    architecture: i.architecture ?? 'x86_64',
    deprecationTime: resolveTime(i.deprecationTime, now),
    lastLaunchedTime: resolveTime(i.lastLaunchedTime, now),
    deregistrationProtection: i.deregistrationProtection ?? false,
    sourceImageId: i.sourceImageId,
    sourceImageRegion: i.sourceImageRegion,
    imageOwnerAlias: i.imageOwnerAlias,
    tags: tagMap(i.tags),
    launchPermissions: launchPermissionsOf(i),
    blockDevices: blockDevicesOf(i, now, snapshots),
  };
}

/** The world's images; snapshots their block devices name but the world lacks are added to `snapshots`. */
export function imagesOf(world: World, now: Date, snapshots: SnapshotStore): ImageStore {
  const store = new ImageStore();
  for (const i of world.images ?? []) store.add(imageOf(i, now, snapshots));
  return store;
}
