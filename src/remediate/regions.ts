import { describeAllRegions, enabledRegionNames } from '../aws/ec2/regions.js';
import type { UsageContext } from './types.js';

/** Home region for DescribeRegions when the clients do not name one. */
const DEFAULT_HOME_REGION = 'us-east-1';

/**
 * Returns regionEnabled(account, region): true/false from DescribeRegions(AllRegions) in the
 * account's home region, read once per account; undefined when it cannot be read (doubt). Needed
 * because AWS answers any call in a region the account has not opted in to with an AuthFailure,
 * which would otherwise look like a broken check.
 */
export function regionChecker(
  clients: UsageContext,
): (account: string, region: string) => Promise<boolean | undefined> {
  const cache = new Map<string, Promise<Set<string> | undefined>>();
  const home = clients.region ?? DEFAULT_HOME_REGION;
  return async (account, region) => {
    let enabled = cache.get(account);
    if (!enabled) {
      enabled = (async () => {
        try {
          const regions = await describeAllRegions(clients.ec2(account, home));
          // An empty answer proves nothing about the region.
          if (regions.length === 0) return undefined;
          return new Set(enabledRegionNames(regions));
        } catch {
          return undefined;
        }
      })();
      cache.set(account, enabled);
    }
    const set = await enabled;
    return set ? set.has(region) : undefined;
  };
}
