import { accountId } from '../stores/keys.js';
import { RecycleBinStore } from '../stores/recycle-bin.js';
import type { World } from '../world.js';

/** An empty Recycle Bin with the world's retention rules. */
export function recycleBinOf(world: World): RecycleBinStore {
  const store = new RecycleBinStore();
  for (const r of world.recycleBinRules ?? []) {
    store.setRetentionDays(accountId(r.account), r.region, r.retentionDays);
  }
  return store;
}
