import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import { buildState, generateWorld, loadWorld } from '../../src/emulator/index.js';
import { InputErrors } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { ec2 } from '../support/clients.js';
import { withEmulator } from '../support/emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'amiaudit-world-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function errorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputErrors) return err.errors.map((e) => e.toLine());
    throw err;
  }
  throw new Error('expected InputErrors');
}

describe('loadWorld', () => {
  it('loads the bundled demo world', () => {
    const world = loadWorld(join(PACKAGE_ROOT, 'src/emulator/worlds/demo.yaml'));
    const state = buildState(world, new Date('2026-11-01T00:00:00Z'));
    expect(state.accounts.size).toBe(7);
    expect(state.images.list().length).toBeGreaterThan(30);
    // Relative times resolve against the state's clock.
    expect(state.images.get('ami-0a11000000000008')?.creationDate).toBe('2026-10-12T00:00:00.000Z');
    // An unquoted date stays a string, a date-only value becomes a full timestamp.
    expect(state.images.get('ami-0b22000000000003')?.creationDate).toBe('2025-03-02T10:00:00.000Z');
    expect(state.snapshots.get('snap-0b2200000000pub1')?.createVolumePermissions).toEqual([{ group: 'all' }]);
  });

  it('accepts unquoted account ids and YAML dates', () => {
    const file = write(
      'ok.yaml',
      'accounts:\n  - id: 012345678901\nimages:\n  - { imageId: ami-1, account: 012345678901, region: us-east-1, name: x, creationDate: 2025-01-02 }\n',
    );
    const state = buildState(loadWorld(file));
    expect(state.images.get('ami-1')).toMatchObject({
      account: '012345678901',
      creationDate: '2025-01-02T00:00:00.000Z',
    });
  });

  it.each([
    [
      'an unknown key',
      'accounts:\n  - id: "111111111111"\n    colour: red\n',
      /bad\.yaml:3:5 accounts\.0: unknown key "colour"/,
    ],
    [
      'a bad launch permission',
      'accounts:\n  - id: "111111111111"\nimages:\n  - imageId: ami-1\n    account: "111111111111"\n    region: us-east-1\n    name: x\n    creationDate: "2025-01-01"\n    launchPermissions: [{ group: some }]\n',
      /bad\.yaml:9:25 images\.0\.launchPermissions\.0: does not match any allowed form/,
    ],
    [
      'an unknown owner account',
      'accounts:\n  - id: "111111111111"\nimages:\n  - { imageId: ami-1, account: "222222222222", region: us-east-1, name: x, creationDate: "2025-01-01" }\n',
      /bad\.yaml:4:32 images\[0\]\.account: unknown account 222222222222/,
    ],
    [
      'a region the owner has not enabled',
      'accounts:\n  - id: "111111111111"\nimages:\n  - { imageId: ami-1, account: "111111111111", region: eu-west-3, name: x, creationDate: "2025-01-01" }\n',
      /bad\.yaml:4:56 images\[0\]\.region: eu-west-3 is not enabled/,
    ],
    [
      'a bad date',
      'accounts:\n  - id: "111111111111"\nimages:\n  - { imageId: ami-1, account: "111111111111", region: us-east-1, name: x, creationDate: yesterday }\n',
      /images\[0\]\.creationDate: not an ISO 8601 time/,
    ],
    ['YAML syntax', 'accounts: [\n', /bad\.yaml:2:1 /],
    ['a missing section', 'images: []\n', /bad\.yaml:1:1 world: missing required key "accounts"/],
  ])('reports %s with FILE:LINE:COL', (_label, text, expected) => {
    const file = write('bad.yaml', text);
    const lines = errorLines(() => loadWorld(file));
    expect(
      lines.some((l) => expected.test(l)),
      lines.join('\n'),
    ).toBe(true);
  });

  it('reports every error at once', () => {
    const file = write(
      'bad.yaml',
      'accounts:\n  - id: "111111111111"\n  - id: "111111111111"\ncallerAccount: "999999999999"\n',
    );
    expect(errorLines(() => loadWorld(file))).toHaveLength(2);
  });
});

describe('generateWorld', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = generateWorld({ accounts: 3, regions: 2, imagesPerRegion: 4, seed: 5 });
    const b = generateWorld({ accounts: 3, regions: 2, imagesPerRegion: 4, seed: 5 });
    const c = generateWorld({ accounts: 3, regions: 2, imagesPerRegion: 4, seed: 6 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a.images).toHaveLength(3 * 2 * 4);
  });

  it('serves the generated world', async () => {
    const world = generateWorld({ accounts: 2, regions: ['us-east-1'], imagesPerRegion: 3, seed: 1 });
    await withEmulator({ world }, async (emu) => {
      const out = await ec2(emu.url).send(
        new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true, IncludeDeprecated: true }),
      );
      expect(out.Images).toHaveLength(3);
    });
  });
});
