import type { Gap, Report } from '../findings/model.js';
import type { InventoryIndex } from '../inventory/inventory-index.js';

/** Account-level collectors whose failure means the account was not scanned at all. */
const ACCOUNT_FATAL = new Set(['assume-role']);

/**
 * Segment statuses that are not gaps. `skipped` marks a dependent collector that did not run because the
 * segment it depends on (images) failed; that failure is already the gap, so listing both would double it.
 */
const NOT_A_GAP = new Set(['ok', 'skipped']);

/**
 * Coverage of the inventory: every failed segment is a gap (status other than `ok` or `skipped`, with its
 * error or status), and so is every requested account without a single segment ("not collected"). An account is
 * scanned when it has at least one ok segment and its assume-role did not fail. Complete means no gaps and
 * every requested account scanned — an incomplete audit is never reported as clean.
 */
export function computeCoverage(index: InventoryIndex): Report['coverage'] {
  const gaps: Gap[] = [];
  const okAccounts = new Set<string>();
  const fatal = new Set<string>();
  const regions = new Set<string>();
  for (const byCollector of index.segments.values()) {
    for (const seg of byCollector.values()) {
      if (seg.region !== '*') regions.add(seg.region);
      if (seg.status === 'ok') okAccounts.add(seg.account);
      else if (!NOT_A_GAP.has(seg.status)) {
        gaps.push({
          account: seg.account,
          region: seg.region,
          collector: seg.collector,
          error: seg.error ?? seg.status,
        });
        if (ACCOUNT_FATAL.has(seg.collector)) fatal.add(seg.account);
      }
    }
  }
  for (const img of index.inventory.images) regions.add(img.region);
  for (const ar of index.accountRegions.values()) regions.add(ar.region);

  const requested = [...index.scopeAccounts].sort();
  let scanned = 0;
  for (const account of requested) {
    if (!index.accountsWithSegments.has(account)) {
      gaps.push({ account, region: '*', collector: '*', error: 'not collected' });
    } else if (okAccounts.has(account) && !fatal.has(account)) scanned++;
  }
  gaps.sort(
    (a, b) =>
      cmp(a.account, b.account) ||
      cmp(a.region, b.region) ||
      cmp(a.collector, b.collector) ||
      cmp(a.error, b.error),
  );
  return {
    complete: gaps.length === 0 && scanned === requested.length,
    accounts: { requested: requested.length, scanned, failed: requested.length - scanned },
    regions: [...regions].sort(),
    accountIds: requested,
    gaps,
  };
}

/** Plain code-unit string order (locale-independent, so output is identical on every machine). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
