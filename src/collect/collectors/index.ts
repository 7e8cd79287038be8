import { COLLECTORS, type Collector as CollectorName } from '../../inventory/schema.js';
import type { Collector, RegionCollectorName } from '../collector.js';
import { autoScalingGroupsCollector } from './auto-scaling-groups.js';
import { imagesCollector } from './images.js';
import { instancesCollector } from './instances.js';
import { launchConfigurationsCollector } from './launch-configurations.js';
import { launchPermissionsCollector } from './launch-permissions.js';
import { launchTemplatesCollector } from './launch-templates.js';
import { settingsCollector } from './settings.js';
import { snapshotsCollector } from './snapshots.js';

/** Every region-level collector by name. */
export const COLLECTOR_REGISTRY: { readonly [N in RegionCollectorName]: Collector<N> } = {
  images: imagesCollector,
  'launch-permissions': launchPermissionsCollector,
  instances: instancesCollector,
  'launch-templates': launchTemplatesCollector,
  'launch-configurations': launchConfigurationsCollector,
  'auto-scaling-groups': autoScalingGroupsCollector,
  snapshots: snapshotsCollector,
  settings: settingsCollector,
};

const isRegionCollector = (c: CollectorName): c is RegionCollectorName => c in COLLECTOR_REGISTRY;

/**
 * Region-level collectors in the order a scan runs and records them (the inventory schema's order;
 * assume-role and regions are account-level). Each comes after what it depends on or uses.
 */
export const REGION_COLLECTORS: readonly RegionCollectorName[] = COLLECTORS.filter(isRegionCollector);

/** The collector of a name. */
export function collectorNamed(name: RegionCollectorName): Collector {
  return COLLECTOR_REGISTRY[name] as Collector;
}

/** The given collectors plus everything they depend on, in REGION_COLLECTORS order; account-level names are dropped. */
export function withDependencies(names: readonly CollectorName[]): RegionCollectorName[] {
  const want = new Set<RegionCollectorName>();
  const add = (name: RegionCollectorName): void => {
    if (want.has(name)) return;
    want.add(name);
    for (const dep of COLLECTOR_REGISTRY[name].dependsOn) add(dep);
  };
  for (const name of names) if (isRegionCollector(name)) add(name);
  return REGION_COLLECTORS.filter((c) => want.has(c));
}
