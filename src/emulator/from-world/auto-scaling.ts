import { AutoScalingStore, type EmuAutoScalingGroup, type EmuLtSpec } from '../stores/auto-scaling.js';
import { accountId } from '../stores/keys.js';
import type { World, WorldLaunchTemplateSpecInput } from '../world.js';

type WorldGroup = NonNullable<World['autoScalingGroups']>[number];

function ltSpec(s: WorldLaunchTemplateSpecInput | undefined): EmuLtSpec | undefined {
  return s ? { ...s } : undefined;
}

function mixedInstancesPolicyOf(g: WorldGroup): EmuAutoScalingGroup['mixedInstancesPolicy'] {
  const lt = g.mixedInstancesPolicy?.launchTemplate;
  if (!lt) return undefined;
  return {
    launchTemplate: {
      launchTemplateSpecification: { ...lt.launchTemplateSpecification },
      overrides: (lt.overrides ?? []).map((o) => ({
        instanceType: o.instanceType,
        launchTemplateSpecification: ltSpec(o.launchTemplateSpecification),
      })),
    },
  };
}

/** The world's launch configurations and Auto Scaling groups, with AWS's defaults for sizes. */
export function autoScalingOf(world: World): AutoScalingStore {
  const store = new AutoScalingStore();
  for (const c of world.launchConfigurations ?? []) {
    store.addLaunchConfiguration({
      ...c,
      account: accountId(c.account),
      instanceType: c.instanceType ?? 't3.micro',
    });
  }
  for (const g of world.autoScalingGroups ?? []) {
    store.addGroup({
      name: g.name,
      account: accountId(g.account),
      region: g.region,
      launchConfigurationName: g.launchConfigurationName,
      launchTemplate: ltSpec(g.launchTemplate),
      mixedInstancesPolicy: mixedInstancesPolicyOf(g),
      minSize: g.minSize ?? 1,
      maxSize: g.maxSize ?? 3,
      desiredCapacity: g.desiredCapacity ?? g.minSize ?? 1,
    });
  }
  return store;
}
