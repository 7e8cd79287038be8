import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CollectInventoryOptions, collectInventory } from '../../src/collect/collect-inventory.js';
import { REGION_COLLECTORS } from '../../src/collect/plan.js';
import { type EmulatorOptions, generateWorld } from '../../src/emulator/index.js';
import { BASE_CREDENTIALS, withEmulator } from '../support/emulator.js';
import { DEV, PROD } from '../support/organization.js';
import { scanWorld } from './world.js';

const dir = mkdtempSync(join(tmpdir(), 'amiaudit-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one collection against a fresh emulator and closes it. */
async function collectWith(
  emuOpts: Omit<EmulatorOptions, 'port'>,
  opts: Partial<CollectInventoryOptions> & { aws?: CollectInventoryOptions['aws'] },
) {
  return withEmulator({ ...emuOpts, port: 0 }, async (emu) => {
    const result = await collectInventory({
      targets: { org: true },
      regions: 'all',
      collectors: REGION_COLLECTORS,
      output: join(dir, `${Math.random().toString(36).slice(2)}.jsonl`),
      inMemory: true,
      ...opts,
      aws: {
        credentials: BASE_CREDENTIALS,
        concurrency: 16,
        maxAttempts: 4,
        timeoutMs: 5000,
        ...opts.aws,
        endpointUrl: emu.url,
      },
    });
    return { result, emulator: emu.stats() };
  });
}

describe('collect under faults (emulator over HTTP)', () => {
  it('finishes a throttling storm: the emulator throttles, the SDK retries with backoff, nothing is lost', async () => {
    const world = generateWorld({ accounts: 1, regions: 1, imagesPerRegion: 140, seed: 7 });
    const { result, emulator } = await collectWith(
      { world, throttle: true },
      {
        // A pacer far above EC2's bucket, so the emulator's 100-token bucket runs dry.
        buckets: { describe: { burst: 1000, ratePerSec: 1000 } },
        collectors: ['images', 'launch-permissions'],
        aws: {
          endpointUrl: '',
          credentials: BASE_CREDENTIALS,
          concurrency: 16,
          maxAttempts: 12,
          timeoutMs: 5000,
        },
      },
    );
    expect(emulator.throttled).toBeGreaterThan(0);
    expect(result.stats.throttles).toBe(emulator.throttled);
    expect(result.gaps).toEqual([]);
    expect(result.inventory!.images).toHaveLength(140);
    expect(result.inventory!.images.every((i) => Array.isArray(i.launchPermissions))).toBe(true);
  });

  it('keeps below the bucket with the default pacer: no throttling at all', async () => {
    const world = generateWorld({ accounts: 1, regions: 1, imagesPerRegion: 60, seed: 3 });
    const { result, emulator } = await collectWith(
      { world, throttle: true },
      { collectors: ['images', 'launch-permissions'] },
    );
    expect(emulator.throttled).toBe(0);
    expect(result.stats.throttles).toBe(0);
    expect(result.gaps).toEqual([]);
  });

  it('retries 5xx errors until they succeed', async () => {
    const { result, emulator } = await collectWith(
      { world: scanWorld(), throttle: false, faults: { errorRate: 0.15, assumeRoleDenied: [] }, seed: 11 },
      {
        aws: {
          endpointUrl: '',
          credentials: BASE_CREDENTIALS,
          maxAttempts: 8,
          concurrency: 8,
          timeoutMs: 5000,
        },
      },
    );
    expect(result.stats.attempts).toBeGreaterThan(result.stats.calls);
    expect(emulator.calls).toBeGreaterThan(result.stats.calls);
    expect(result.gaps).toEqual([]);
  });

  it('turns AccessDenied on one API into an access-denied gap and a slow API into a timeout gap', async () => {
    const { result } = await collectWith(
      {
        world: scanWorld(),
        throttle: false,
        faults: {
          assumeRoleDenied: [],
          accessDenied: [{ account: PROD, region: 'us-east-1', api: 'DescribeInstances' }],
          slow: [{ account: DEV, region: 'us-east-1', api: 'DescribeLaunchTemplateVersions', delayMs: 2000 }],
        },
      },
      {
        aws: {
          endpointUrl: '',
          credentials: BASE_CREDENTIALS,
          maxAttempts: 2,
          concurrency: 8,
          timeoutMs: 300,
        },
        regions: ['us-east-1'],
      },
    );
    const seg = (account: string, collector: string) =>
      result.inventory!.segments.find(
        (s) => s.account === account && s.region === 'us-east-1' && s.collector === collector,
      );
    expect(seg(PROD, 'instances')).toMatchObject({
      status: 'access-denied',
      error: expect.stringContaining('UnauthorizedOperation'),
    });
    expect(seg(DEV, 'launch-templates')).toMatchObject({ status: 'timeout' });
    // The rest of those account-regions was still collected.
    expect(seg(PROD, 'images')?.status).toBe('ok');
    expect(seg(DEV, 'instances')?.status).toBe('ok');
    expect(result.gaps).toHaveLength(2);
  });
});
