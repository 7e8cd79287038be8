/** A gap as the report and the inventory's segment records both carry it. */
export interface GapLike {
  account: string;
  region: string;
  collector: string;
  /** The segment status; findings.json's gaps do not carry it, so it is then read from the error. */
  status?: string;
  error?: string;
}

/** The kind of failure of a gap: its status, else what its collector and error say. */
export function statusOf(g: GapLike): string {
  if (g.status) return g.status;
  const e = g.error ?? '';
  if (g.collector === 'assume-role') return 'assume-failed';
  if (e === 'not collected') return 'not-collected';
  if (/is not enabled for account/.test(e)) return 'region-disabled';
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(e)) return 'access-denied';
  if (/Throttl|RequestLimitExceeded|TooManyRequests/i.test(e)) return 'throttled';
  if (/timed? ?out|Timeout/i.test(e)) return 'timeout';
  return 'error';
}

/** Gaps that failed for one cause, across accounts and regions. */
export interface GapCause {
  status: string;
  /** The error with account ids, ARNs' accounts and request ids taken out: the same for every account. */
  cause: string;
  gaps: number;
  accounts: string[];
  regions: string[];
  collectors: string[];
  /** What to check, in words; empty when there is nothing general to say. */
  hint: string;
}

/**
 * The error text of a gap without what differs between accounts (account ids, request ids, UUIDs), so
 * that 149 AssumeRole failures are one cause, not 149.
 */
export function causeOf(error: string): string {
  return error
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, 'ID')
    .replace(/\b\d{12}\b/g, 'ACCOUNT')
    .replace(/\bamiaudit-\d{8}T\d{6}Z-[0-9a-f]+\b/g, 'SESSION')
    .replace(/[ \t\r\n]+/g, ' ')
    .replace(/^ | $/g, '');
}

const HINTS: Record<string, (n: number, of: number) => string> = {
  'assume-failed': (n, of) =>
    `AssumeRole failed in ${n} of ${of} accounts: check --role-name, --external-id and the role's trust policy`,
  'access-denied': (n, of) =>
    `access denied in ${n} of ${of} accounts: the audit role lacks read actions (see docs/reference/iam-policies.md)`,
  'region-disabled': (n, of) =>
    `region not enabled in ${n} of ${of} accounts: drop it from --regions, or opt the accounts in`,
  throttled: (n, of) => `throttled in ${n} of ${of} accounts: lower --concurrency, or run again`,
  timeout: (n, of) => `timed out in ${n} of ${of} accounts: raise --timeout-ms, or check the network path`,
  'not-collected': (n, of) =>
    `no records for ${n} of ${of} accounts: an inventory shard or the account's collection is missing`,
  error: (n, of) => `failed in ${n} of ${of} accounts`,
};

/**
 * Groups gaps by status and cause across accounts, the largest first, each with its accounts,
 * regions, collectors and a hint. `accountsRequested` is the "of N" of the hints.
 */
export function gapCauses(gaps: readonly GapLike[], accountsRequested: number): GapCause[] {
  const groups = new Map<
    string,
    {
      status: string;
      cause: string;
      gaps: number;
      accounts: Set<string>;
      regions: Set<string>;
      collectors: Set<string>;
    }
  >();
  for (const g of gaps) {
    const status = statusOf(g);
    const cause = causeOf(g.error ?? status);
    const key = `${status}\u0000${cause}`;
    let group = groups.get(key);
    if (!group) {
      group = { status, cause, gaps: 0, accounts: new Set(), regions: new Set(), collectors: new Set() };
      groups.set(key, group);
    }
    group.gaps += 1;
    group.accounts.add(g.account);
    if (g.region !== '*') group.regions.add(g.region);
    group.collectors.add(g.collector);
  }
  const of = Math.max(accountsRequested, 1);
  return [...groups.values()]
    .map((g) => ({
      status: g.status,
      cause: g.cause,
      gaps: g.gaps,
      accounts: [...g.accounts].sort(),
      regions: [...g.regions].sort(),
      collectors: [...g.collectors],
      hint: (HINTS[g.status] ?? HINTS.error)(g.accounts.size, Math.max(of, g.accounts.size)),
    }))
    .sort(
      (a, b) => b.accounts.length - a.accounts.length || b.gaps - a.gaps || a.cause.localeCompare(b.cause),
    );
}

/** A few of the accounts, then how many more: `111111111111, 222222222222 and 147 more`. */
export function someAccounts(accounts: readonly string[], shown = 3): string {
  const head = accounts.slice(0, shown).join(', ');
  return accounts.length > shown ? `${head} and ${accounts.length - shown} more` : head;
}
