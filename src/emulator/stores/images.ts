import { arKey, getOrCreate, inScope } from './keys.js';
import type { LaunchPermission } from './launch-permission.js';

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

/**
 * Registered AMIs, indexed by id, by (account, region), and — per region — those with a launch
 * permission, so DescribeImages reads only what the caller may see. Tests read it to observe what
 * remediation changed.
 */
export class ImageStore {
  private readonly byId = new Map<string, EmuImage>();
  private readonly byAr = new Map<string, Map<string, EmuImage>>();
  /** Images with at least one launch permission, per region: what other accounts may see. */
  private readonly sharedByRegion = new Map<string, Set<EmuImage>>();

  /** Registers an image in every index (world load and RestoreImageFromRecycleBin). */
  add(img: EmuImage): void {
    this.byId.set(img.imageId, img);
    getOrCreate(this.byAr, arKey(img.account, img.region), () => new Map()).set(img.imageId, img);
    this.reindexSharing(img);
  }

  /** Keeps the per-region "visible to others" index in step with an image's launch permissions. */
  reindexSharing(img: EmuImage): void {
    const set = getOrCreate(this.sharedByRegion, img.region, () => new Set());
    if (img.launchPermissions.length > 0 && this.byId.has(img.imageId)) set.add(img);
    else set.delete(img);
  }

  /** Removes an image from every index (DeregisterImage). */
  remove(img: EmuImage): void {
    this.byId.delete(img.imageId);
    this.byAr.get(arKey(img.account, img.region))?.delete(img.imageId);
    this.sharedByRegion.get(img.region)?.delete(img);
  }

  /** The image with this id, in any account or region. */
  get(imageId: string): EmuImage | undefined {
    return this.byId.get(imageId);
  }

  /** Every image, optionally only those of one account and/or region. */
  list(filter: { account?: string; region?: string } = {}): EmuImage[] {
    if (filter.account !== undefined && filter.region !== undefined) {
      return [...this.owned(filter.account, filter.region)];
    }
    return [...this.byId.values()].filter((i) => inScope(i, filter));
  }

  /** Images owned by the account in the region, in insertion order. */
  owned(account: string, region: string): Iterable<EmuImage> {
    return this.byAr.get(arKey(account, region))?.values() ?? [];
  }

  /** Images in the region that carry any launch permission. */
  shared(region: string): Iterable<EmuImage> {
    return this.sharedByRegion.get(region) ?? [];
  }

  /** Images of the account-region whose block devices use the snapshot. */
  usingSnapshot(account: string, region: string, snapshotId: string): EmuImage[] {
    return [...this.owned(account, region)].filter((i) =>
      i.blockDevices.some((d) => d.snapshotId === snapshotId),
    );
  }
}
