export type ImageBpaState = 'unblocked' | 'block-new-sharing';
export type SnapshotBpaState = 'unblocked' | 'block-new-sharing' | 'block-all-sharing';

/** An account's EC2 settings: enabled regions and block public access, per region with a default. */
export interface AccountSettings {
  regions: Set<string>;
  imageBpa: Map<string, ImageBpaState>;
  defaultImageBpa: ImageBpaState;
  snapshotBpa: Map<string, SnapshotBpaState>;
  defaultSnapshotBpa: SnapshotBpaState;
}

/** EC2 account settings per account (DescribeRegions, the block-public-access APIs, region checks). */
export class AccountSettingsStore {
  private readonly byAccount = new Map<string, AccountSettings>();

  /** Sets the settings of an account. */
  set(account: string, s: AccountSettings): void {
    this.byAccount.set(account, s);
  }

  /** The regions the account has enabled (undefined for an unknown account). */
  regions(account: string): ReadonlySet<string> | undefined {
    return this.byAccount.get(account)?.regions;
  }

  /** True when the account has the region enabled (unknown accounts have none). */
  regionEnabled(account: string, region: string): boolean {
    return this.byAccount.get(account)?.regions.has(region) ?? false;
  }

  /** Image block-public-access state of an account-region. */
  imageBlockPublicAccess(account: string, region: string): ImageBpaState {
    const a = this.byAccount.get(account);
    return a?.imageBpa.get(region) ?? a?.defaultImageBpa ?? 'unblocked';
  }

  /** Sets the image block-public-access state of an account-region (no-op for an unknown account). */
  setImageBlockPublicAccess(account: string, region: string, state: ImageBpaState): void {
    this.byAccount.get(account)?.imageBpa.set(region, state);
  }

  /** Snapshot block-public-access state of an account-region. */
  snapshotBlockPublicAccess(account: string, region: string): SnapshotBpaState {
    const a = this.byAccount.get(account);
    return a?.snapshotBpa.get(region) ?? a?.defaultSnapshotBpa ?? 'unblocked';
  }
}
