import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EnableImageBlockPublicAccessCommand,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { autoscaling, ec2, orgs } from '../support/clients.js';
import { withEmulator } from '../support/emulator.js';
import { MGMT, PROD } from '../support/organization.js';
import { smallWorld } from './fixtures.js';

// A frozen clock stops the buckets from refilling, so bursts give exact counts however slow the machine is.
const frozen = () => new Date('2026-06-01T00:00:00Z');
const as = (account: string) => ({ accessKeyId: `AKID${account}`, secretAccessKey: 'x' });

async function settle<T>(calls: Promise<T>[]) {
  const results = await Promise.allSettled(calls);
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  return {
    ok: results.length - rejected.length,
    errors: rejected.map((r) => r.reason as { name: string; $metadata?: { httpStatusCode?: number } }),
  };
}

describe('throttling', () => {
  it('a burst over 100 DescribeImages in one account-region gets RequestLimitExceeded; other buckets are unaffected', async () => {
    await withEmulator({ world: smallWorld(), clock: frozen }, async (emu) => {
      const client = ec2(emu.url);
      const { ok, errors } = await settle(
        Array.from({ length: 110 }, () => client.send(new DescribeImagesCommand({ Owners: ['self'] }))),
      );
      expect(ok).toBe(100);
      expect(errors[0]).toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
      expect(emu.stats().throttled).toBe(errors.length);
      // Another API and another account keep their own buckets.
      await expect(client.send(new DescribeInstancesCommand({ MaxResults: 5 }))).resolves.toBeDefined();
      await expect(
        ec2(emu.url, as(PROD)).send(new DescribeImagesCommand({ Owners: ['self'] })),
      ).resolves.toBeDefined();
    });
  });

  it.each([
    [
      'EnableImageBlockPublicAccess',
      1,
      () => new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'block-new-sharing' }),
    ],
    ['DescribeInstances without filters or MaxResults', 50, () => new DescribeInstancesCommand({})],
    ['DescribeInstances with MaxResults', 100, () => new DescribeInstancesCommand({ MaxResults: 5 })],
    [
      'ModifyImageAttribute',
      100,
      () =>
        new ModifyImageAttributeCommand({ ImageId: 'ami-00000000000000006', Description: { Value: 'x' } }),
    ],
  ])('%s has a burst of %i', async (_label, burst, command) => {
    await withEmulator({ world: smallWorld(), clock: frozen }, async (emu) => {
      const client = ec2(emu.url);
      const { ok, errors } = await settle(
        Array.from({ length: burst + 2 }, () => client.send(command() as never)),
      );
      expect(ok).toBe(burst);
      expect(errors.map((e) => e.name)).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded']);
    });
  });

  it('Organizations throttles with TooManyRequestsException and Auto Scaling with Throttling', async () => {
    await withEmulator({ world: smallWorld(), clock: frozen }, async (emu) => {
      const o = await settle(
        Array.from({ length: 30 }, () => orgs(emu.url).send(new ListAccountsCommand({}))),
      );
      expect(o.errors.length).toBeGreaterThan(0);
      expect(o.errors[0].name).toBe('TooManyRequestsException');
      const a = await settle(
        Array.from({ length: 110 }, () =>
          autoscaling(emu.url, as(PROD)).send(new DescribeAutoScalingGroupsCommand({})),
        ),
      );
      expect(a.errors[0]).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    });
  });

  it('throttle: false never throttles', async () => {
    await withEmulator({ world: smallWorld(), throttle: false }, async (emu) => {
      const { errors } = await settle(
        Array.from({ length: 120 }, () => ec2(emu.url).send(new DescribeImagesCommand({ Owners: ['self'] }))),
      );
      expect(errors).toEqual([]);
    });
  });
});

describe('faults', () => {
  it('accessDenied answers UnauthorizedOperation for the chosen account-region-API only', async () => {
    await withEmulator(
      {
        world: smallWorld(),
        faults: { accessDenied: [{ account: PROD, region: 'us-east-1', api: 'DescribeInstances' }] },
      },
      async (emu) => {
        await expect(
          ec2(emu.url, as(PROD)).send(new DescribeInstancesCommand({ MaxResults: 5 })),
        ).rejects.toMatchObject({
          name: 'UnauthorizedOperation',
          $metadata: { httpStatusCode: 403 },
        });
        await expect(
          ec2(emu.url, as(PROD), 'eu-west-1').send(new DescribeInstancesCommand({ MaxResults: 5 })),
        ).resolves.toBeDefined();
        await expect(
          ec2(emu.url, as(MGMT)).send(new DescribeInstancesCommand({ MaxResults: 5 })),
        ).resolves.toBeDefined();
      },
    );
  });

  it('errorRate 1 fails every call with a retryable 5xx, reproducibly', async () => {
    await withEmulator({ world: smallWorld(), faults: { errorRate: 1 }, seed: 42 }, async (emu) => {
      const { errors } = await settle(
        Array.from({ length: 6 }, () => ec2(emu.url).send(new DescribeImagesCommand({ Owners: ['self'] }))),
      );
      expect(errors).toHaveLength(6);
      for (const e of errors) expect([500, 503]).toContain(e.$metadata?.httpStatusCode);
      expect(new Set(errors.map((e) => e.name))).toEqual(new Set(['InternalError', 'Unavailable']));
    });
  });

  it('latency and slow faults delay responses', async () => {
    await withEmulator(
      {
        world: smallWorld(),
        latencyMs: [30, 40],
        faults: { slow: [{ api: 'DescribeImages', delayMs: 50 }] },
      },
      async (emu) => {
        const client = ec2(emu.url);
        await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
        let t = performance.now();
        await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
        expect(performance.now() - t).toBeGreaterThanOrEqual(29);
        t = performance.now();
        await client.send(new DescribeImagesCommand({ Owners: ['self'] }));
        expect(performance.now() - t).toBeGreaterThanOrEqual(79);
      },
    );
  });
});
