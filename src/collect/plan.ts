import { type Check, checkCollectors } from '../catalog/check-registry.js';
import { COLLECTORS, type Collector } from '../inventory/schema.js';

/** Region-level collectors in the order a scan runs them (assume-role and regions are account-level). */
export const REGION_COLLECTORS: readonly Collector[] = COLLECTORS.filter(
  (c) => c !== 'assume-role' && c !== 'regions',
);

/**
 * The collectors the loaded rules need: the images listing plus what each rule's check declares in the
 * catalog (no sharing rule means no per-AMI DescribeImageAttribute calls).
 */
export function collectorsFor(checks: readonly Check[]): Collector[] {
  const want = new Set<Collector>(['images']);
  for (const check of checks) for (const c of checkCollectors(check)) want.add(c);
  return REGION_COLLECTORS.filter((c) => want.has(c));
}
