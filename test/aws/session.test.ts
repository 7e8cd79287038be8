import { EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoizeCredentials } from '../../src/aws/credentials.js';
import { createAwsSession } from '../../src/aws/session.js';
import { FatalAwsError } from '../../src/errors.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const BASE = { accessKeyId: 'AKIDBASE', secretAccessKey: 'base' };

describe('memoizeCredentials', () => {
  it('fetches once, refreshes shortly before expiry, and shares one fetch between callers', async () => {
    let now = 0;
    let fetches = 0;
    const source = memoizeCredentials(
      async () => {
        fetches += 1;
        return { accessKeyId: `k${fetches}`, secretAccessKey: 's', expiration: new Date(now + 3600_000) };
      },
      () => now,
    );
    const [a, b] = await Promise.all([source(), source()]);
    expect(a.accessKeyId).toBe('k1');
    expect(b.accessKeyId).toBe('k1');
    now = 3600_000 - 10 * 60_000;
    expect((await source()).accessKeyId).toBe('k1');
    now = 3600_000 - 60_000;
    expect((await source()).accessKeyId).toBe('k2');
    expect(fetches).toBe(2);
  });
});

describe('createAwsSession', () => {
  beforeEach(() => {
    sts.reset();
    ec2.reset();
  });

  it('assumes the role once per member account with ExternalId; the caller account uses base credentials', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws:iam::111111111111:user/audit' });
    sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => ({
      Credentials: {
        AccessKeyId: `AK-${input.RoleArn.split(':')[4]}`,
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 3600_000),
      },
    }));
    const session = createAwsSession({
      credentials: BASE,
      roleName: 'Audit',
      externalId: 'ext-1',
      region: 'us-east-1',
    });
    try {
      const member = await Promise.all([
        session.credentials('222222222222'),
        session.credentials('222222222222'),
      ]);
      expect(member[0].accessKeyId).toBe('AK-222222222222');
      expect((await session.credentials('111111111111')).accessKeyId).toBe('AKIDBASE');
      const calls = sts.commandCalls(AssumeRoleCommand);
      expect(calls).toHaveLength(1);
      expect(calls[0].args[0].input).toEqual({
        RoleArn: 'arn:aws:iam::222222222222:role/Audit',
        RoleSessionName: expect.stringMatching(/^amiaudit-\d{8}T\d{6}Z-[0-9a-f]{6}$/),
        DurationSeconds: 3600,
        ExternalId: 'ext-1',
      });
      // Regional clients of one account are cached and share its credentials.
      expect(session.ec2('222222222222', 'us-east-1')).toBe(session.ec2('222222222222', 'us-east-1'));
      expect(session.ec2('222222222222', 'eu-west-1')).not.toBe(session.ec2('222222222222', 'us-east-1'));
    } finally {
      session.destroy();
    }
  });

  it('a failed AssumeRole rejects for that account only, and is not retried per region', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws:iam::111111111111:user/audit' });
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const session = createAwsSession({ credentials: BASE });
    try {
      await expect(session.credentials('222222222222')).rejects.toThrow('not authorized');
      await expect(session.credentials('222222222222')).rejects.toThrow('not authorized');
      expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    } finally {
      session.destroy();
    }
  });

  it('bad base credentials are fatal', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error('The security token is invalid'), { name: 'InvalidClientTokenId' }));
    const session = createAwsSession({ credentials: BASE });
    try {
      await expect(session.callerAccount()).rejects.toBeInstanceOf(FatalAwsError);
    } finally {
      session.destroy();
    }
  });
});
