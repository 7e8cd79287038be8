import { describeAllRegions, enabledRegionNames } from '../aws/ec2/regions.js';
import { quote, UsageError } from '../errors.js';
import type { Segment } from './segment.js';

/** What --regions asked for: a list, or every region enabled for each account. */
export type RegionRequest = string[] | 'all';

/** The account's regions: every one AWS knows (DescribeRegions(AllRegions)), and the enabled ones among them. */
export async function accountRegions(seg: Segment): Promise<{ enabled: string[]; known: string[] }> {
  const regions = await describeAllRegions(seg.session.ec2(seg.account, seg.session.region), seg.call);
  const enabled = enabledRegionNames(regions).sort();
  seg.items = enabled.length;
  return { enabled, known: regions.flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort() };
}

/**
 * Rejects requested regions that no account's DescribeRegions(AllRegions) knows (a typo such as
 * `us-east1` is a usage error, not a region-disabled gap). Unchecked when no account's regions were read.
 */
export function checkKnownRegions(request: RegionRequest, known: ReadonlySet<string>): void {
  if (request === 'all' || known.size === 0) return;
  const unknown = request.filter((r) => !known.has(r));
  if (unknown.length === 0) return;
  throw new UsageError(
    `--regions: unknown region ${unknown.map((r) => quote(r)).join(', ')} (regions AWS knows here: ${[...known].sort().join(', ')})`,
  );
}

/** Parses --regions: a comma list, or `all` (= every enabled region, the default). */
export function parseRegions(value: string[] | undefined): RegionRequest {
  if (!value || value.length === 0 || (value.length === 1 && value[0] === 'all')) return 'all';
  return [...new Set(value)].sort();
}

/**
 * Splits the requested regions into the ones to scan and the ones not enabled for the account
 * (which become region-disabled gaps: a region asked for and not scanned is never clean).
 */
export function planRegions(
  request: RegionRequest,
  enabled: string[] | undefined,
): { scan: string[]; disabled: string[] } {
  if (request === 'all') return { scan: enabled ?? [], disabled: [] };
  if (!enabled) return { scan: request, disabled: [] };
  const on = new Set(enabled);
  return { scan: request.filter((r) => on.has(r)), disabled: request.filter((r) => !on.has(r)) };
}
