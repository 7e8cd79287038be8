import { type Collector, USAGE_COLLECTORS } from '../inventory/schema.js';
import type { Check } from '../rules/schema.js';
import { withDependencies } from './collectors/index.js';

export { REGION_COLLECTORS } from './collectors/index.js';

/**
 * The names of the collectors the loaded rules need, with what those depend on: no sharing rule
 * means no per-AMI DescribeImageAttribute calls unless a usage verdict needs the share list. `match` rules read image fields only, so they need
 * only the images listing (launch permissions and usage are not image-record fields they can test).
 */
export function collectorsFor(checks: readonly Check[]): Collector[] {
  const want = new Set<Collector>(['images']);
  for (const check of checks) {
    switch (check.type) {
      case 'unused':
      case 'retention':
        for (const c of USAGE_COLLECTORS) want.add(c);
        // Who can launch the AMI decides which accounts' usage data the verdict depends on; without
        // the share list every usage gap in the region would make the verdict inconclusive.
        want.add('launch-permissions');
        break;
      case 'public-sharing':
        want.add('launch-permissions');
        if (check.checkSnapshots !== false) want.add('snapshots');
        if (check.requireBlockPublicAccess !== false) want.add('settings');
        break;
      case 'match':
        // `launchPermissions.*.group` is a valid match key: collect it when a condition names it.
        if (check.when.some((w) => w.key.startsWith('launchPermissions'))) want.add('launch-permissions');
        break;
      default:
        break;
    }
  }
  return withDependencies([...want]);
}
