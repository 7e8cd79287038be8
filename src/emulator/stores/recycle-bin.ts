import type { EmuImage } from './images.js';
import { arKey } from './keys.js';

const DAY_MS = 86_400_000;

/** An AMI a Recycle Bin rule retained at DeregisterImage: restorable until exitTime. */
export interface EmuBinnedImage {
  image: EmuImage;
  enterTime: string;
  exitTime: string;
}

/** Recycle Bin retention rules per account-region and the AMIs they retain. */
export class RecycleBinStore {
  /** Retention (days) per account-region; absent = DeregisterImage deletes for good. */
  private readonly retention = new Map<string, number>();
  private readonly byId = new Map<string, EmuBinnedImage>();

  /** Sets the retention of the account-region's rule. */
  setRetentionDays(account: string, region: string, days: number): void {
    this.retention.set(arKey(account, region), days);
  }

  /** Days a Recycle Bin rule retains deregistered AMIs of the account-region (undefined: no rule). */
  retentionDays(account: string, region: string): number | undefined {
    return this.retention.get(arKey(account, region));
  }

  /** Retains a deregistered image, restorable until `now + days`. */
  retain(img: EmuImage, now: Date, days: number): EmuBinnedImage {
    const entry = {
      image: img,
      enterTime: now.toISOString(),
      exitTime: new Date(now.getTime() + days * DAY_MS).toISOString(),
    };
    this.byId.set(img.imageId, entry);
    return entry;
  }

  /** Takes the entry out of the bin (RestoreImageFromRecycleBin). */
  release(entry: EmuBinnedImage): void {
    this.byId.delete(entry.image.imageId);
  }

  /** The image in the Recycle Bin with this id; entries past their exit time are gone for good. */
  get(imageId: string, now: Date): EmuBinnedImage | undefined {
    const e = this.byId.get(imageId);
    if (e && e.exitTime <= now.toISOString()) {
      this.byId.delete(imageId);
      return undefined;
    }
    return e;
  }

  /** Images of the account-region in the Recycle Bin (still retained at `now`), in entry order. */
  list(account: string, region: string, now: Date): EmuBinnedImage[] {
    return [...this.byId.keys()]
      .map((id) => this.get(id, now))
      .filter((e): e is EmuBinnedImage => e?.image.account === account && e.image.region === region);
  }
}
