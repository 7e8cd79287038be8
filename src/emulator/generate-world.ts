import { DEFAULT_REGIONS } from './regions.js';
import { seededRandom } from './rng.js';
import type { World } from './world.js';

type Images = NonNullable<World['images']>;

/** Knobs of the synthetic world; everything is derived from `seed`, so the same options give the same world. */
export interface GenerateWorldOptions {
  accounts: number;
  /** Region names, or the first N default regions. */
  regions: string[] | number;
  imagesPerRegion: number;
  seed: number;
  /** Running instances per account-region (default 3). */
  instancesPerRegion?: number;
  /** Number of OUs under the root (default 4; accounts are spread over them). */
  ous?: number;
  /** The fixed instant creation dates are relative to (default 2026-06-01), so output does not depend on today. */
  baseTime?: string;
}

const FAMILIES = ['web', 'api', 'worker', 'batch', 'bastion', 'db-proxy', 'ml'];
export const FOREIGN_ORG_ARN = 'arn:aws:organizations::999999999999:organization/o-foreign00001';
export const UNKNOWN_ACCOUNT = '999988887777';
const DAY = 86_400_000;

/** A reproducible synthetic organization: accounts × regions × images, with usage, shares and families. */
export function generateWorld(o: GenerateWorldOptions): World {
  const rnd = seededRandom(o.seed);
  const hex = (n: number) => {
    let s = '';
    while (s.length < n)
      s += Math.floor(rnd() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  };
  const regions = typeof o.regions === 'number' ? DEFAULT_REGIONS.slice(0, o.regions) : o.regions;
  const base = Date.parse(o.baseTime ?? '2026-06-01T00:00:00Z');
  const orgId = 'o-emulator0001';
  const rootId = 'r-emu0';
  const ouCount = o.ous ?? 4;
  const ous = Array.from({ length: ouCount }, (_, i) => ({
    id: `ou-emu0-${String(i).padStart(8, '0')}`,
    name: `OU ${i}`,
    parentId: rootId,
  }));
  const ids = Array.from({ length: Math.max(1, o.accounts) }, (_, i) => String(100000000000 + i));
  const orgArn = `arn:aws:organizations::${ids[0]}:organization/${orgId}`;
  const world: Required<
    Pick<
      World,
      'accounts' | 'images' | 'instances' | 'launchTemplates' | 'autoScalingGroups' | 'launchConfigurations'
    >
  > &
    World = {
    organization: { id: orgId, managementAccountId: ids[0], rootId, ous },
    callerAccount: ids[0],
    regions,
    accounts: ids.map((id, i) => ({
      id,
      name: i === 0 ? 'management' : `workload-${i}`,
      parentId: i === 0 || ouCount === 0 ? rootId : ous[i % ouCount].id,
      imageBlockPublicAccess: rnd() < 0.5 ? 'block-new-sharing' : 'unblocked',
    })),
    images: [],
    instances: [],
    launchTemplates: [],
    launchConfigurations: [],
    autoScalingGroups: [],
  };
  const byAccountRegion = new Map<string, Images>();
  for (const id of ids) {
    for (const region of regions) {
      const imgs: Images = [];
      for (let n = 0; n < o.imagesPerRegion; n++) {
        const family = FAMILIES[n % FAMILIES.length];
        const ageDays = Math.floor(rnd() * 720);
        const created = new Date(base - ageDays * DAY);
        const stamp = created.toISOString().slice(0, 10).replace(/-/g, '');
        const r = rnd();
        const launchPermissions: NonNullable<Images[number]['launchPermissions']> = [];
        if (r < 0.03) launchPermissions.push({ group: 'all' });
        else if (r < 0.06) launchPermissions.push({ organizationArn: FOREIGN_ORG_ARN });
        else if (r < 0.08) launchPermissions.push({ userId: UNKNOWN_ACCOUNT });
        else if (r < 0.2) launchPermissions.push({ organizationArn: orgArn });
        else if (r < 0.3 && ids.length > 1)
          launchPermissions.push({ userId: ids[(ids.indexOf(id) + 1) % ids.length] });
        const tagged = rnd() < 0.8;
        const state = rnd();
        imgs.push({
          imageId: `ami-${hex(17)}`,
          account: id,
          region,
          name: rnd() < 0.9 ? `${family}-1.${n}.0-${stamp}` : `tmp image ${n}`,
          description: rnd() < 0.85 ? `${family} image built ${stamp}` : undefined,
          creationDate: created.toISOString(),
          state: state < 0.02 ? 'disabled' : 'available',
          deprecationTime: state > 0.95 ? new Date(created.getTime() + 365 * DAY).toISOString() : undefined,
          lastLaunchedTime:
            rnd() < 0.5 ? new Date(base - Math.floor(rnd() * 200) * DAY).toISOString() : undefined,
          tags: tagged ? { Name: `${family}-${n}`, Team: `team-${n % 3}`, Family: family } : {},
          launchPermissions,
          blockDevices: [
            { deviceName: '/dev/xvda', snapshotId: `snap-${hex(17)}`, volumeSize: 8 + (n % 5) * 8 },
          ],
        });
      }
      world.images.push(...imgs);
      byAccountRegion.set(`${id}/${region}`, imgs);
    }
  }
  for (const [i, id] of ids.entries()) {
    for (const region of regions) {
      const own = byAccountRegion.get(`${id}/${region}`) ?? [];
      // Cross-account use: the neighbour account runs images of this one that are shared with it.
      const neighbour = byAccountRegion.get(`${ids[(i + ids.length - 1) % ids.length]}/${region}`) ?? [];
      const sharedIn = neighbour.filter((img) =>
        img.launchPermissions?.some(
          (p) =>
            ('userId' in p && p.userId === id) || ('organizationArn' in p && p.organizationArn === orgArn),
        ),
      );
      const pool = [...own.filter((img) => img.state !== 'disabled'), ...sharedIn];
      if (pool.length === 0) continue;
      const pick = () => pool[Math.floor(rnd() * pool.length)].imageId;
      for (let k = 0; k < (o.instancesPerRegion ?? 3); k++) {
        world.instances.push({
          instanceId: `i-${hex(17)}`,
          account: id,
          region,
          imageId: pick(),
          state: rnd() < 0.85 ? 'running' : 'stopped',
        });
      }
      const ltId = `lt-${hex(17)}`;
      world.launchTemplates.push({
        launchTemplateId: ltId,
        name: `lt-${region}-${i}`,
        account: id,
        region,
        defaultVersion: 1,
        versions: [
          { number: 1, imageId: pick() },
          { number: 2, imageId: pick() },
        ],
      });
      world.launchConfigurations.push({ name: `lc-${region}-${i}`, account: id, region, imageId: pick() });
      world.autoScalingGroups.push({
        name: `asg-${region}-${i}`,
        account: id,
        region,
        launchTemplate: { launchTemplateId: ltId, version: '$Latest' },
      });
    }
  }
  return world;
}
