import { describeAllRegions, enabledRegionNames } from '../aws/ec2/regions.js';
import type { Segment } from './segment.js';

/** What --regions asked for: a list, or every region enabled for each account. */
export type RegionRequest = string[] | 'all';

/** The account's enabled regions: DescribeRegions(AllRegions) without the not-opted-in ones. */
export async function enabledRegions(seg: Segment): Promise<string[]> {
  const regions = await describeAllRegions(seg.session.ec2(seg.account, seg.session.region), seg.call);
  const enabled = enabledRegionNames(regions).sort();
  seg.items = enabled.length;
  return enabled;
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
