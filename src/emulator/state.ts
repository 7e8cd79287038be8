import type { AccountSettingsStore } from './stores/account-settings.js';
import type { AccountStore } from './stores/accounts.js';
import type { AutoScalingStore } from './stores/auto-scaling.js';
import type { Ec2UsageStore } from './stores/ec2-usage.js';
import type { EmuFaults } from './stores/faults.js';
import type { ImageStore } from './stores/images.js';
import type { OrganizationStore } from './stores/organization.js';
import type { RecycleBinStore } from './stores/recycle-bin.js';
import type { SessionStore } from './stores/sessions.js';
import type { SnapshotStore } from './stores/snapshots.js';

/**
 * The emulator's mutable world: one store per concept the services read and write. Built from a
 * world by `buildState`; tests read the stores to observe what remediation changed.
 */
export interface EmulatorState {
  /** The account a call signed with an unrecognised access key acts as. */
  readonly callerAccount: string;
  /** The ARN partition of the emulated AWS (aws, aws-us-gov, aws-cn). */
  readonly partition: string;
  readonly accounts: AccountStore;
  readonly settings: AccountSettingsStore;
  readonly organization: OrganizationStore;
  readonly images: ImageStore;
  readonly snapshots: SnapshotStore;
  readonly recycleBin: RecycleBinStore;
  readonly usage: Ec2UsageStore;
  readonly autoScaling: AutoScalingStore;
  readonly sessions: SessionStore;
  readonly faults: EmuFaults;
}
