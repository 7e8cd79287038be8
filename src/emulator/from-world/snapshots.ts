import { accountId } from '../stores/keys.js';
import { SnapshotStore } from '../stores/snapshots.js';
import { resolveTime } from '../time.js';
import type { World } from '../world.js';
import { DEFAULT_CREATED, tagMap } from './common.js';

/** The world's snapshots (the images' own block-device snapshots are added by `addImages`). */
export function snapshotsOf(world: World, now: Date): SnapshotStore {
  const store = new SnapshotStore();
  for (const s of world.snapshots ?? []) {
    store.add({
      snapshotId: s.snapshotId,
      account: accountId(s.account),
      region: s.region,
      volumeSize: s.volumeSize ?? 8,
      storageTier: s.storageTier ?? 'standard',
      encrypted: s.encrypted ?? false,
      description: s.description ?? '',
      startTime: resolveTime(s.startTime, now) ?? DEFAULT_CREATED,
      tags: tagMap(s.tags),
      createVolumePermissions: (s.createVolumePermissions ?? []).map((p) =>
        'group' in p ? { group: 'all' as const } : { userId: accountId(p.userId) },
      ),
    });
  }
  return store;
}
