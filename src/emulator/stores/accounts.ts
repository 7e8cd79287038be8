/** An account of the world: who it is, its place in the organization, and the roles it can assume into. */
export interface EmuAccount {
  id: string;
  name: string;
  email: string;
  parentId?: string;
  member: boolean;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  roles: Set<string>;
  externalId?: string;
}

export const DEFAULT_ROLES = ['OrganizationAccountAccessRole', 'AmiAuditRole'];

/** The accounts the emulator knows, by id (what authenticates a call, what Organizations lists). */
export class AccountStore {
  private readonly byId = new Map<string, EmuAccount>();

  /** Adds (or replaces) an account. */
  add(a: EmuAccount): void {
    this.byId.set(a.id, a);
  }

  /** The account with this id. */
  get(id: string): EmuAccount | undefined {
    return this.byId.get(id);
  }

  /** True when the account exists. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every account, in world order. */
  values(): IterableIterator<EmuAccount> {
    return this.byId.values();
  }

  /** The accounts that belong to the organization, in world order. */
  members(): EmuAccount[] {
    return [...this.byId.values()].filter((a) => a.member);
  }
}
