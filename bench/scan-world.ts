import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { generateWorld, type World } from '../src/emulator/index.js';

export interface SyntheticShape {
  accounts: number;
  regions: number;
  images: number;
  seed: number;
}

/** The `--synthetic` spec the emulator command takes for a shape. */
export function syntheticSpec(s: SyntheticShape): string {
  return `accounts=${s.accounts},regions=${s.regions},images=${s.images},seed=${s.seed}`;
}

/**
 * Writes the synthetic world with one "image factory" account-region holding `hot` extra AMIs (the
 * last account, first region: the one a first-come scheduler would reach last). Returns its key.
 */
export async function writeHotWorld(file: string, shape: SyntheticShape, hot: number): Promise<string> {
  const world: World = generateWorld({
    accounts: shape.accounts,
    regions: shape.regions,
    imagesPerRegion: shape.images,
    seed: shape.seed,
  });
  const images = world.images ?? [];
  const account = world.accounts[world.accounts.length - 1].id;
  const region = String(world.regions?.[0] ?? 'us-east-1');
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  for (let i = 0; i < hot; i++) {
    images.push({
      imageId: `ami-f${hex(i, 16)}`,
      account,
      region,
      name: `factory-1.${i}.0-20260101`,
      creationDate: '2026-01-01T00:00:00.000Z',
      state: 'available',
      tags: { Name: `factory-${i}`, Team: 'factory' },
      launchPermissions:
        i % 10 === 0
          ? [
              {
                organizationArn: `arn:aws:organizations::${world.callerAccount}:organization/${world.organization?.id}`,
              },
            ]
          : [],
      blockDevices: [{ deviceName: '/dev/xvda', snapshotId: `snap-f${hex(i, 16)}`, volumeSize: 8 }],
    });
  }
  world.images = images;
  await writeFile(file, stringify(world));
  return `${account}/${region}`;
}
