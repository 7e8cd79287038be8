import { createHash } from 'node:crypto';
import type { AwsCall } from '../aws/call.js';
import { describeError, errorCode } from '../aws/errors.js';
import {
  accountState,
  describeOrganization,
  listAccounts,
  walkOrganizationTree,
} from '../aws/organization.js';
import type { Pacer } from '../aws/pacer.js';
import type { AwsSession } from '../aws/types.js';
import { FatalAwsError, UsageError } from '../errors.js';
import type { OrgAccount, Organization } from '../inventory/schema.js';

/** Which accounts to scan: --org, --accounts, --exclude-accounts, --ou and --shard. */
export interface TargetOptions {
  org?: boolean;
  accounts?: string[];
  excludeAccounts?: string[];
  ous?: string[];
  shard?: Shard;
}

export interface Shard {
  index: number;
  count: number;
}

export interface Targets {
  callerAccount: string;
  organization: Organization;
  /** Accounts to scan, sorted. */
  accounts: string[];
}

const ACCOUNT_ID = /^[0-9]{12}$/;
const ORG_ACCOUNT = '-';
const ORG_REGION = 'global';

/** Parses --shard I/N (1-based). */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be I/N with 1 <= I <= N, got "${value}"`);
  }
  return { index, count };
}

/** The 1-based shard an account falls in: sha256(id) mod N + 1. Stable across runs and machines. */
export function shardOf(account: string, count: number): number {
  const digest = createHash('sha256').update(account).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count)) + 1;
}

/** Validates account ids given on the command line. */
export function checkAccountIds(option: string, ids: string[] | undefined): void {
  for (const id of ids ?? []) {
    if (!ACCOUNT_ID.test(id)) throw new UsageError(`--${option}: "${id}" is not a 12-digit account id`);
  }
}

/** True when the caller simply has no Organizations view (not an error for a single-account scan). */
function isNoOrganization(err: unknown): boolean {
  return [
    'AWSOrganizationsNotInUseException',
    'AccessDeniedException',
    'AccessDenied',
    'AccessDeniedForDependencyException',
  ].includes(errorCode(err));
}

/** Every account under the given OUs or roots, nested OUs included. */
export function accountsUnder(organization: Organization, ouIds: string[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const ou of organization.ous) {
    if (!ou.parentId) continue;
    const list = children.get(ou.parentId) ?? [];
    list.push(ou.id);
    children.set(ou.parentId, list);
  }
  const wanted = new Set<string>();
  const stack = [...ouIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (wanted.has(id)) continue;
    wanted.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return new Set(organization.accounts.filter((a) => a.parentId && wanted.has(a.parentId)).map((a) => a.id));
}

/**
 * Resolves the accounts to scan and the organization they belong to. Organizations discovery failing
 * is fatal only when the user asked for it (--org, --ou); otherwise the caller's account alone is scanned.
 */
export async function resolveTargets(
  session: AwsSession,
  pacer: Pacer,
  opts: TargetOptions,
): Promise<Targets> {
  checkAccountIds('accounts', opts.accounts);
  checkAccountIds('exclude-accounts', opts.excludeAccounts);
  const callerAccount = await session.callerAccount();
  const org = session.organizations();
  // Organizations is global: its calls share one pacing key.
  const call: AwsCall = (api, fn) => pacer.call(ORG_ACCOUNT, ORG_REGION, api, fn);
  const organization: Organization = { accounts: [], ous: [] };
  const needOrg = Boolean(opts.org || opts.ous?.length);

  try {
    Object.assign(organization, await describeOrganization(org, call));
  } catch (err) {
    // Without --org/--ou the org id only feeds the `self` sharing rule: a member account that cannot
    // see Organizations (or any other failure here) is scanned without it.
    if (needOrg) {
      const hint = isNoOrganization(err)
        ? ' (--org needs the management account or a delegated administrator)'
        : '';
      throw new FatalAwsError(`cannot discover the organization: ${describeError(err)}${hint}`, {
        cause: err,
      });
    }
  }

  if (needOrg) {
    try {
      const accounts: OrgAccount[] = [];
      // The account list and the OU tree do not depend on each other: fetch both at once, since
      // Organizations is slow and paced (every page of either is a serial round trip).
      const listing = (async () => {
        for await (const a of listAccounts(org, call)) {
          const state = accountState(a);
          if (!a.Id || (state !== undefined && state !== 'ACTIVE')) continue;
          accounts.push({
            id: a.Id,
            ...(a.Name ? { name: a.Name } : {}),
            ...(a.Email ? { email: a.Email } : {}),
            status: 'ACTIVE',
          });
        }
      })();
      const [{ ous, parentOf }] = await Promise.all([walkOrganizationTree(org, call), listing]);
      for (const a of accounts) {
        const parent = parentOf.get(a.id);
        if (parent) a.parentId = parent;
      }
      organization.accounts = accounts.sort((a, b) => a.id.localeCompare(b.id));
      organization.ous = ous;
    } catch (err) {
      throw new FatalAwsError(`cannot list the organization's accounts: ${describeError(err)}`, {
        cause: err,
      });
    }
    for (const ou of opts.ous ?? []) {
      if (!organization.ous.some((o) => o.id === ou))
        throw new UsageError(`--ou: ${ou} is not an OU or root of the organization`);
    }
  }

  let accounts: string[];
  if (opts.accounts?.length) accounts = [...opts.accounts];
  else if (needOrg) accounts = organization.accounts.map((a) => a.id);
  else accounts = [callerAccount];
  if (opts.ous?.length) {
    const under = accountsUnder(organization, opts.ous);
    accounts = accounts.filter((a) => under.has(a));
  }
  const excluded = new Set(opts.excludeAccounts ?? []);
  accounts = [...new Set(accounts)].filter((a) => !excluded.has(a));
  const shard = opts.shard;
  if (shard) accounts = accounts.filter((a) => shardOf(a, shard.count) === shard.index);
  accounts.sort();
  return { callerAccount, organization, accounts };
}
