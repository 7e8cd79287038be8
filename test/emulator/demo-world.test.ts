import { join } from 'node:path';
import { DescribeImagesCommand, GetImageBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../src/emulator/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { assumeRole, ec2 } from '../support/clients.js';
import { useEmulator } from '../support/emulator.js';

const emu = useEmulator(() => ({ world: loadWorld(join(PACKAGE_ROOT, 'src/emulator/worlds/demo.yaml')) }));

const assume = (account: string) => assumeRole(emu.url, account, { sessionName: 'demo' });

describe('the demo world', () => {
  it('denies AssumeRole into the legacy account', async () => {
    await expect(assume('666666666666')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('has a region the sandbox has not opted in to', async () => {
    const creds = await assume('555555555555');
    await expect(
      ec2(emu.url, creds, 'eu-west-1').send(new DescribeImagesCommand({ Owners: ['self'] })),
    ).rejects.toMatchObject({
      name: 'AuthFailure',
    });
  });

  it('has AMI block public access off in prod eu-west-1 only', async () => {
    const creds = await assume('222222222222');
    const eu = await ec2(emu.url, creds, 'eu-west-1').send(new GetImageBlockPublicAccessStateCommand({}));
    const us = await ec2(emu.url, creds, 'us-east-1').send(new GetImageBlockPublicAccessStateCommand({}));
    expect([eu.ImageBlockPublicAccessState, us.ImageBlockPublicAccessState]).toEqual([
      'unblocked',
      'block-new-sharing',
    ]);
  });

  it('round-trips hostile strings through XML unchanged', async () => {
    const creds = await assume('222222222222');
    const out = await ec2(emu.url, creds, 'eu-west-1').send(
      new DescribeImagesCommand({ ImageIds: ['ami-0b22000000000103'] }),
    );
    const img = out.Images?.[0];
    expect(img?.Description).toBe("</script><script>alert('description')</script>");
    expect(img?.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Owner', Value: '<img src=x onerror=alert(1)>' },
        { Key: 'Team"><b>x</b>', Value: 'a&b' },
      ]),
    );
  });

  it('shows golden images shared to the org in a workload account', async () => {
    const creds = await assume('333333333333');
    const out = await ec2(emu.url, creds).send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    const names = (out.Images ?? []).map((i) => i.Name);
    expect(names).toContain('golden-al2023-1.7.0');
    expect(names).toContain('partner-connector-1.4.0');
  });
});
