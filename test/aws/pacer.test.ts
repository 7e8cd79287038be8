import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bucketClassOf, Pacer, TokenBucket } from '../../src/aws/pacer.js';

describe('bucketClassOf', () => {
  it.each([
    ['DescribeImages', 'describe'],
    ['DescribeImageAttribute', 'describe'],
    ['GetImageBlockPublicAccessState', 'describe'],
    ['ListAccounts', 'organizations'],
    ['AssumeRole', 'sts'],
    ['ModifyImageAttribute', 'mutate'],
    ['DeregisterImage', 'mutate'],
    ['CreateTags', 'tags'],
    ['EnableImageBlockPublicAccess', 'blockPublicAccess'],
  ])('%s → %s', (api, cls) => {
    expect(bucketClassOf(api)).toBe(cls);
  });
});

describe('TokenBucket', () => {
  it('serves the burst at once, then one token per 1/rate, in order', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 3, ratePerSec: 2 }, () => now);
    const waits = Array.from({ length: 6 }, () => bucket.reserve());
    expect(waits).toEqual([0, 0, 0, 500, 1000, 1500]);
    now = 10_000;
    // Refilled to the burst, never beyond it.
    expect(Array.from({ length: 4 }, () => bucket.reserve())).toEqual([0, 0, 0, 500]);
  });
});

describe('Pacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('paces one (account, region, api) at its sustained rate after the burst', async () => {
    const pacer = new Pacer({ concurrency: 100, buckets: { describe: { burst: 5, ratePerSec: 10 } } });
    let done = 0;
    const calls = Array.from({ length: 15 }, () =>
      pacer.call('111111111111', 'us-east-1', 'DescribeImages', async () => {
        done += 1;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(5);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(10);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(15);
    await Promise.all(calls);
    expect(pacer.stats().calls).toBe(15);
  });

  it('keeps separate buckets per account, region and API', async () => {
    const pacer = new Pacer({ concurrency: 100, buckets: { describe: { burst: 2, ratePerSec: 1 } } });
    let done = 0;
    const keys: [string, string, string][] = [
      ['111111111111', 'us-east-1', 'DescribeImages'],
      ['222222222222', 'us-east-1', 'DescribeImages'],
      ['111111111111', 'eu-west-1', 'DescribeImages'],
      ['111111111111', 'us-east-1', 'DescribeInstances'],
    ];
    const calls = keys.flatMap(([a, r, api]) =>
      [1, 2].map(() =>
        pacer.call(a, r, api, async () => {
          done += 1;
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(8);
    await Promise.all(calls);
  });

  it('caps calls in flight globally', async () => {
    const pacer = new Pacer({ concurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    const calls = Array.from({ length: 10 }, (_, i) =>
      pacer.call(String(i).padStart(12, '0'), 'us-east-1', 'DescribeImages', async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 100));
        inFlight -= 1;
      }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(peak).toBe(3);
  });

  it('counts attempts, throttled attempts and failed calls', async () => {
    const pacer = new Pacer({ concurrency: 2 });
    pacer.recordAttempt(
      'DescribeImages',
      Object.assign(new Error('slow down'), { name: 'RequestLimitExceeded' }),
    );
    pacer.recordAttempt('DescribeImages');
    pacer.recordAttempt('DescribeImages', Object.assign(new Error('no'), { name: 'UnauthorizedOperation' }));
    await expect(
      pacer.call('111111111111', 'us-east-1', 'DescribeImages', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const s = pacer.stats();
    expect(s).toMatchObject({ calls: 1, attempts: 3, throttles: 1, errors: 1 });
    expect(s.byApi.DescribeImages).toEqual({ calls: 1, attempts: 3, throttles: 1, errors: 1 });
  });
});

describe('Pacer priority', () => {
  it('serves calls waiting for a slot highest priority first, FIFO among equals', async () => {
    const pacer = new Pacer({ concurrency: 1 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const blocker = pacer.call(
      '111111111111',
      'r',
      'DescribeImages',
      () => new Promise<void>((r) => (release = r)),
    );
    // Let the blocker take the only slot before the others queue.
    await new Promise((r) => setImmediate(r));
    const queued = (
      [
        ['low-1', 1],
        ['high', 50],
        ['low-2', 1],
        ['mid', 10],
        ['low-3', 1],
      ] as const
    ).map(([name, priority], i) =>
      pacer.call(
        String(i).padStart(12, '2'),
        'r',
        'DescribeImageAttribute',
        async () => {
          order.push(name);
        },
        priority,
      ),
    );
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    release();
    await Promise.all([blocker, ...queued]);
    expect(order).toEqual(['high', 'mid', 'low-1', 'low-2', 'low-3']);
  });

  it('propagates a rejection and keeps the slot count right', async () => {
    const pacer = new Pacer({ concurrency: 1 });
    await expect(
      pacer.call('111111111111', 'r', 'DescribeImages', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(pacer.call('111111111111', 'r', 'DescribeImages', async () => 7)).resolves.toBe(7);
    expect(pacer.stats()).toMatchObject({ calls: 2, errors: 1, inFlight: 0 });
  });
});
