import type { Subject } from '../catalog/check.js';
import type { ExceptionStatus } from '../findings/model.js';
import type { InventoryIndex } from '../inventory/inventory-index.js';
import type { LoadedException } from '../rules/schema.js';
import { compileSelector, type SubjectMatcher } from './scope.js';

/** Exceptions compiled for one evaluation: which apply, which expired, and which never matched. */
export interface ExceptionSet {
  /** Whether any unexpired exception names this rule (or "*"); when not, find() can be skipped. */
  covers(ruleId: string): boolean;
  /** The first unexpired exception (file order) that covers this rule and subject, marking it used. */
  find(ruleId: string, subject: Subject): LoadedException | undefined;
  expired: ExceptionStatus[];
  /** Unexpired exceptions that matched no finding; call after every finding was looked up. */
  stale(): ExceptionStatus[];
}

/**
 * End of the expiry day in UTC, in ms: an exception that `expires: 2027-03-31` still applies at
 * 2027-03-31T23:59:59.999Z and no longer one millisecond later. A full timestamp is honoured as given.
 */
export function expiryMs(expires: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    const [y, m, d] = expires.split('-').map(Number);
    return Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  }
  const t = Date.parse(expires);
  if (!Number.isNaN(t)) return t;
  const day = Date.parse(expires.slice(0, 10));
  return Number.isNaN(day) ? Number.NEGATIVE_INFINITY : day + 86_399_999;
}

/** The report's view of an exception. */
export function exceptionStatus(e: LoadedException): ExceptionStatus {
  return {
    rules: e.rules,
    reason: e.reason,
    owner: e.owner,
    expires: e.expires,
    file: e.source.file,
    line: e.source.line,
  };
}

interface Compiled {
  entry: LoadedException;
  matcher: SubjectMatcher;
  used: boolean;
}

/** Splits exceptions into expired and active (as of `nowMs`) and compiles the active ones' selectors. */
export function compileExceptions(
  list: readonly LoadedException[],
  nowMs: number,
  index: InventoryIndex,
): ExceptionSet {
  const expired: ExceptionStatus[] = [];
  const byRule = new Map<string, Compiled[]>();
  const wildcard: Compiled[] = [];
  const active: Compiled[] = [];
  for (const entry of list) {
    if (nowMs > expiryMs(entry.expires)) {
      expired.push(exceptionStatus(entry));
      continue;
    }
    const c: Compiled = { entry, matcher: compileSelector(entry.match, index, 'fail'), used: false };
    active.push(c);
    for (const r of entry.rules) {
      if (r === '*') wildcard.push(c);
      else {
        const l = byRule.get(r);
        if (l) l.push(c);
        else byRule.set(r, [c]);
      }
    }
  }
  // Keep file order across rule-specific and wildcard entries, so the first written exception wins.
  const order = new Map(active.map((c, i) => [c, i]));
  const candidates = new Map<string, Compiled[]>();
  const forRule = (ruleId: string): Compiled[] => {
    let l = candidates.get(ruleId);
    if (!l) {
      l = [...new Set([...(byRule.get(ruleId) ?? []), ...wildcard])].sort(
        (a, b) => order.get(a)! - order.get(b)!,
      );
      candidates.set(ruleId, l);
    }
    return l;
  };

  return {
    covers: (ruleId) => forRule(ruleId).length > 0,
    find(ruleId, subject) {
      let first: LoadedException | undefined;
      for (const c of forRule(ruleId)) {
        // After the winner, only unused entries need testing: a shadowed exception still matched, so it is not stale.
        if (first && c.used) continue;
        if (c.matcher(subject)) {
          c.used = true;
          first ??= c.entry;
        }
      }
      return first;
    },
    expired,
    stale: () => active.filter((c) => !c.used).map((c) => exceptionStatus(c.entry)),
  };
}
