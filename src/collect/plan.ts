import { type Check, checkCollectors } from '../catalog/check-registry.js';
import type { Collector } from '../inventory/schema.js';
import { withDependencies } from './collectors/index.js';

export { REGION_COLLECTORS } from './collectors/index.js';

/**
 * The names of the collectors the loaded rules need, with what those depend on: the images listing plus
 * what each rule's check declares in the catalog (no sharing rule means no per-AMI DescribeImageAttribute calls).
 */
export function collectorsFor(checks: readonly Check[]): Collector[] {
  const want = new Set<Collector>(['images']);
  for (const check of checks) for (const c of checkCollectors(check)) want.add(c);
  return withDependencies([...want]);
}
