import { Ec2UsageStore } from '../stores/ec2-usage.js';
import { accountId } from '../stores/keys.js';
import { resolveTime } from '../time.js';
import type { World } from '../world.js';
import { tagMap } from './common.js';

/** When a world instance that omits its launch time was launched. */
const DEFAULT_LAUNCHED = '2026-01-01T00:00:00.000Z';

/** The world's instances, launch templates and SSM parameters. */
export function ec2UsageOf(world: World, now: Date): Ec2UsageStore {
  const store = new Ec2UsageStore();
  for (const p of world.ssmParameters ?? []) {
    store.setSsmParameter(accountId(p.account), p.region, p.name, p.value);
  }
  for (const i of world.instances ?? []) {
    store.addInstance({
      instanceId: i.instanceId,
      account: accountId(i.account),
      region: i.region,
      imageId: i.imageId,
      state: i.state ?? 'running',
      instanceType: i.instanceType ?? 't3.micro',
      launchTime: resolveTime(i.launchTime, now) ?? DEFAULT_LAUNCHED,
      tags: tagMap(i.tags),
    });
  }
  for (const t of world.launchTemplates ?? []) {
    const versions = [...t.versions].sort((a, b) => a.number - b.number);
    store.addLaunchTemplate({
      launchTemplateId: t.launchTemplateId,
      name: t.name,
      account: accountId(t.account),
      region: t.region,
      defaultVersion: t.defaultVersion ?? versions[versions.length - 1].number,
      versions,
    });
  }
  return store;
}
