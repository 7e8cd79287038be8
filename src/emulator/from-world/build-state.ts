import type { EmulatorState } from '../state.js';
import { OrganizationStore } from '../stores/organization.js';
import type { World } from '../world.js';
import { accountsOf, callerAccountOf, organizationOf } from './accounts.js';
import { autoScalingOf } from './auto-scaling.js';
import { ec2UsageOf } from './ec2-usage.js';
import { faultsOf } from './faults.js';
import { imagesOf } from './images.js';
import { recycleBinOf } from './recycle-bin.js';
import { snapshotsOf } from './snapshots.js';

/**
 * The emulator's state for a world (a loaded YAML file or a generated one). Relative world times
 * (`now-30d`) count from `now`.
 */
export function buildState(world: World, now: Date = new Date()): EmulatorState {
  const org = organizationOf(world);
  const { accounts, settings } = accountsOf(world, org);
  // The world's own snapshots first: an image's block device only adds one the world lacks.
  const snapshots = snapshotsOf(world, now);
  return {
    callerAccount: callerAccountOf(world),
    partition: world.partition ?? 'aws',
    accounts,
    settings,
    organization: new OrganizationStore(org, accounts),
    images: imagesOf(world, now, snapshots),
    snapshots,
    recycleBin: recycleBinOf(world),
    usage: ec2UsageOf(world, now),
    autoScaling: autoScalingOf(world),
    sessions: new Map(),
    faults: faultsOf(world),
  };
}
