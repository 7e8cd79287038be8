import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/aws/pacer.js';
import type { AwsSession } from '../../src/aws/types.js';
import { runCollection } from '../../src/collect/run.js';
import { accountRegionKey, launchOrder, tiebreak } from '../../src/collect/schedule.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const REGIONS = ['eu-west-1', 'us-east-1'];
/** Owned AMIs per account-region: deliberately not in account or region order. */
const SIZES = new Map<string, number>([
  [accountRegionKey(A, 'us-east-1'), 3],
  [accountRegionKey(A, 'eu-west-1'), 20],
  [accountRegionKey(B, 'us-east-1'), 40],
  [accountRegionKey(B, 'eu-west-1'), 1],
  [accountRegionKey(C, 'us-east-1'), 7],
  [accountRegionKey(C, 'eu-west-1'), 12],
]);

interface Sent {
  key: string;
  api: string;
}

/**
 * A session whose clients answer from SIZES and record every request in the order it was sent. They
 * inherit from the SDK client classes because the SDK's paginators accept only instances of them.
 */
function recordingSession(log: Sent[], sizes: ReadonlyMap<string, number> = SIZES): AwsSession {
  const client = (sdkClass: { prototype: object }, account: string, region: string) =>
    Object.assign(Object.create(sdkClass.prototype), {
      async send(cmd: { constructor: { name: string }; input: Record<string, unknown> }) {
        const api = cmd.constructor.name.replace(/Command$/, '');
        log.push({ key: accountRegionKey(account, region), api });
        // Yield so every queued call has a chance to compete for the next slot.
        await new Promise((r) => setImmediate(r));
        switch (api) {
          case 'DescribeRegions':
            return {
              Regions: REGIONS.map((RegionName) => ({ RegionName, OptInStatus: 'opt-in-not-required' })),
            };
          case 'DescribeImages': {
            const n = sizes.get(accountRegionKey(account, region)) ?? 0;
            return {
              Images: Array.from({ length: n }, (_, i) => ({ ImageId: `ami-${account}-${region}-${i}` })),
            };
          }
          case 'DescribeImageAttribute':
            return { LaunchPermissions: [] };
          default:
            throw new Error(`unexpected ${api}`);
        }
      },
    });
  return {
    region: 'us-east-1',
    callerAccount: async () => A,
    credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }),
    ec2: (account, region) => client(EC2Client, account, region) as EC2Client,
    autoScaling: (account, region) => client(AutoScalingClient, account, region) as AutoScalingClient,
    organizations: () =>
      ({
        send: async () => {
          throw Object.assign(new Error('no org'), { name: 'AWSOrganizationsNotInUseException' });
        },
      }) as unknown as OrganizationsClient,
    destroy: () => undefined,
  };
}

/** Runs images + launch permissions over A, B, C × REGIONS with one global slot, so send order = slot order. */
async function scan(
  sizeHints?: Map<string, number>,
  sizes: ReadonlyMap<string, number> = SIZES,
): Promise<Sent[]> {
  const log: Sent[] = [];
  await runCollection({
    session: recordingSession(log, sizes),
    pacer: new Pacer({
      concurrency: 1,
      buckets: { describe: { burst: 1e6, ratePerSec: 1e6 }, sts: { burst: 1e6, ratePerSec: 1e6 } },
    }),
    targets: { accounts: [A, B, C] },
    regions: REGIONS,
    collectors: ['images', 'launch-permissions'],
    write: () => undefined,
    ...(sizeHints ? { sizeHints } : {}),
  });
  return log;
}

/** Consecutive runs of the same key: [key, length] pairs. */
function runs(keys: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const k of keys) {
    const last = out.at(-1);
    if (last && last[0] === k) last[1] += 1;
    else out.push([k, 1]);
  }
  return out;
}

const bySizeDesc = [...SIZES].sort((a, b) => b[1] - a[1]);

describe('scheduling: the largest account-regions start first', () => {
  it('serves launch-permission work one whole account-region at a time, largest first', async () => {
    const log = await scan();
    const attrs = log.filter((s) => s.api === 'DescribeImageAttribute').map((s) => s.key);
    expect(attrs).toHaveLength([...SIZES.values()].reduce((a, b) => a + b, 0));
    expect(runs(attrs)).toEqual(bySizeDesc);
    expect(attrs[0]).toBe(accountRegionKey(B, 'us-east-1'));
  });

  it('lists every account-region before any per-AMI call (a listing reveals how big the region is)', async () => {
    const log = await scan();
    const lastListing = log.findLastIndex((s) => s.api === 'DescribeImages');
    const firstAttr = log.findIndex((s) => s.api === 'DescribeImageAttribute');
    expect(log.filter((s) => s.api === 'DescribeImages')).toHaveLength(SIZES.size);
    expect(lastListing).toBeLessThan(firstAttr);
  });

  it('orders the listings by known size when hints are given', async () => {
    // Hints that disagree with both the launch order and the real sizes: listings follow the hints,
    // per-AMI work follows the sizes the listings found. (The smallest region is listed last: the
    // scheduler never idles a slot, so a region listed last cannot outrank work already queued.)
    const hinted = [
      [A, 'us-east-1'],
      [C, 'us-east-1'],
      [B, 'us-east-1'],
      [A, 'eu-west-1'],
      [C, 'eu-west-1'],
      [B, 'eu-west-1'],
    ].map(([a, r]) => accountRegionKey(a, r));
    const hints = new Map(hinted.map((key, i) => [key, 100 - i]));
    const log = await scan(hints);
    const listings = log.filter((s) => s.api === 'DescribeImages').map((s) => s.key);
    expect(listings).toEqual(hinted);
    const attrs = log.filter((s) => s.api === 'DescribeImageAttribute').map((s) => s.key);
    expect(runs(attrs)).toEqual(bySizeDesc);
  });
});

describe('scheduling: equal-sized account-regions', () => {
  it('are worked through one after another, in launch order, not interleaved', async () => {
    // Same size everywhere: only the launch order (account order, then region order) can rank them.
    // More AMIs than a region has workers, so FIFO alone would interleave the regions' later calls.
    const equal = new Map([...SIZES.keys()].map((k) => [k, 20]));
    const log = await scan(undefined, equal);
    const attrs = log.filter((s) => s.api === 'DescribeImageAttribute').map((s) => s.key);
    const launched = [A, B, C].flatMap((a) => REGIONS.map((r) => accountRegionKey(a, r)));
    expect(runs(attrs)).toEqual(launched.map((k) => [k, 20]));
  });
});

describe('tiebreak', () => {
  it('decreases with launch position and stays below 1 (never outranks a larger region)', () => {
    const n = 5;
    const t = Array.from({ length: n }, (_, i) => tiebreak(i, n));
    for (let i = 1; i < n; i++) expect(t[i]).toBeLessThan(t[i - 1]);
    expect(Math.max(...t)).toBeLessThan(1);
    expect(Math.min(...t)).toBeGreaterThan(0);
  });
});

describe('launchOrder', () => {
  const items = [
    { account: A, region: 'x', tag: 1 },
    { account: B, region: 'x', tag: 2 },
    { account: C, region: 'x', tag: 3 },
  ];
  it.each([
    ['no hints keeps the given order', undefined, [1, 2, 3]],
    [
      'largest first',
      new Map([
        [`${C}/x`, 9],
        [`${A}/x`, 5],
      ]),
      [3, 1, 2],
    ],
    [
      'ties keep the given order',
      new Map([
        [`${B}/x`, 5],
        [`${C}/x`, 5],
      ]),
      [2, 3, 1],
    ],
  ])('%s', (_name, hints, tags) => {
    expect(launchOrder(items, hints).map((i) => i.tag)).toEqual(tags);
  });
});
