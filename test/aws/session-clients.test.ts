import { DescribeImagesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/aws/pacer.js';
import { createAwsSession, homeRegion } from '../../src/aws/session.js';
import { reuseSigner } from '../../src/aws/signer.js';
import { scanWorld } from '../collect/world.js';
import { BASE_CREDENTIALS, useEmulator } from '../support/emulator.js';
import { MGMT, PROD } from '../support/organization.js';

type Scheme = { signingRegion?: string; signingName?: string };

describe('reuseSigner', () => {
  it('builds one signer per signing region and service, and retries a failed build', async () => {
    let built = 0;
    let failNext = false;
    const config = {
      signer: async (scheme?: Scheme) => {
        built += 1;
        if (failNext) {
          failNext = false;
          throw new Error('no region yet');
        }
        return { id: built, region: scheme?.signingRegion };
      },
    };
    reuseSigner({ config });
    const east = { signingRegion: 'us-east-1', signingName: 'ec2' };
    const [a, b] = await Promise.all([config.signer(east), config.signer(east)]);
    expect(a).toBe(b);
    expect(await config.signer(east)).toBe(a);
    expect(built).toBe(1);
    const west = await config.signer({ signingRegion: 'eu-west-1', signingName: 'ec2' });
    expect(west).toEqual({ id: 2, region: 'eu-west-1' });
    failNext = true;
    const other = { signingRegion: 'ap-south-1', signingName: 'ec2' };
    await expect(config.signer(other)).rejects.toThrow('no region yet');
    await new Promise((r) => setImmediate(r));
    expect(await config.signer(other)).toEqual({ id: 4, region: 'ap-south-1' });
  });

  it('a reused signer still signs with refreshed credentials', async () => {
    // Credentials that expire within the SDK's refresh window, so every request fetches new ones.
    let fetches = 0;
    const credentials = async () => {
      fetches += 1;
      return {
        accessKeyId: `AKIDROTATE${fetches}`,
        secretAccessKey: 's',
        expiration: new Date(Date.now() + 60_000),
      };
    };
    const client = new EC2Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials,
      maxAttempts: 1,
    });
    reuseSigner(client);
    const seen: string[] = [];
    // Innermost middleware: sees the signed request, then stops before any network I/O.
    client.middlewareStack.add(
      (_next) => async (args) => {
        const headers = (args as { request: { headers: Record<string, string> } }).request.headers;
        seen.push(/Credential=([A-Z0-9]+)\//.exec(headers.authorization ?? '')?.[1] ?? 'unsigned');
        throw new Error('captured');
      },
      { step: 'deserialize', priority: 'low', name: 'captureAuthorization' },
    );
    for (let i = 0; i < 2; i++)
      await expect(client.send(new DescribeRegionsCommand({}))).rejects.toThrow('captured');
    // (The SDK fetches identity more than once per request; what matters is that the second request
    // is signed with newer credentials than the first, i.e. the cached signer did not pin them.)
    expect(seen).toHaveLength(2);
    const n = seen.map((k) => Number(/^AKIDROTATE(\d+)$/.exec(k)?.[1]));
    expect(n[0]).toBeGreaterThan(0);
    expect(n[1]).toBeGreaterThan(n[0]);
    expect(n[1]).toBe(fetches);
  });
});

describe('AwsSession.release', () => {
  const emu = useEmulator(() => ({ world: scanWorld(), port: 0 }));

  it('forgets one account-region’s clients and leaves the shared connections usable', async () => {
    const session = createAwsSession({
      endpointUrl: emu.url,
      credentials: BASE_CREDENTIALS,
      region: 'us-east-1',
    });
    try {
      const list = (c: EC2Client) => c.send(new DescribeImagesCommand({ Owners: ['self'] }));
      const before = session.ec2(MGMT, 'us-east-1');
      const asg = session.autoScaling(MGMT, 'us-east-1');
      const otherRegion = session.ec2(MGMT, 'eu-west-1');
      const otherAccount = session.ec2(PROD, 'us-east-1');
      await list(before);
      session.release?.(MGMT, 'us-east-1');
      const after = session.ec2(MGMT, 'us-east-1');
      expect(after).not.toBe(before);
      expect(session.autoScaling(MGMT, 'us-east-1')).not.toBe(asg);
      expect(session.ec2(MGMT, 'eu-west-1')).toBe(otherRegion);
      expect(session.ec2(PROD, 'us-east-1')).toBe(otherAccount);
      // The released client and its replacement both still reach the endpoint: no socket was closed.
      const [a, b] = await Promise.all([list(after), list(before)]);
      expect(a.Images?.length).toBe(b.Images?.length);
    } finally {
      session.destroy();
    }
  });
});

describe('a session with a read pacer', () => {
  const emu = useEmulator(() => ({ world: scanWorld(), port: 0 }));

  it('paces every read of its clients, and neither STS nor what it does not read', async () => {
    // Prepare
    const pacer = new Pacer({ concurrency: 1 });
    const session = createAwsSession({
      endpointUrl: emu.url,
      credentials: BASE_CREDENTIALS,
      region: 'us-east-1',
      readPacer: pacer,
    });
    try {
      // Act
      await session.ec2(PROD, 'us-east-1').send(new DescribeImagesCommand({ Owners: ['self'] }));
      await session.ec2(MGMT, 'eu-west-1').send(new DescribeRegionsCommand({ AllRegions: true }));
      // Assess: one slot was enough although the PROD read assumed a role inside it.
      const { byApi } = pacer.stats();
      expect(Object.keys(byApi).sort()).toEqual(['DescribeImages', 'DescribeRegions']);
      expect(byApi.DescribeImages.calls).toBe(1);
    } finally {
      session.destroy();
    }
  });
});

describe('homeRegion', () => {
  it('takes the option, else AWS_REGION, else AWS_DEFAULT_REGION of the given environment, else us-east-1', () => {
    expect(homeRegion({ region: 'eu-west-1', env: { AWS_REGION: 'ap-south-1' } })).toBe('eu-west-1');
    expect(homeRegion({ env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'eu-north-1' } })).toBe(
      'ap-south-1',
    );
    expect(homeRegion({ env: { AWS_DEFAULT_REGION: 'eu-north-1' } })).toBe('eu-north-1');
    expect(homeRegion({})).toBe('us-east-1');
  });
});
