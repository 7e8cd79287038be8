import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwsCall } from '../../src/aws/call.js';
import { listOwnedImages } from '../../src/aws/ec2/images.js';

const ec2 = mockClient(EC2Client);

const drain = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
};

describe('paginated reads', () => {
  beforeEach(() => ec2.reset());

  it('send every page through the given call, each with the input it was sent with', async () => {
    // Prepare
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [{ ImageId: 'ami-1' }], NextToken: 't1' })
      .resolvesOnce({ Images: [], NextToken: 't2' })
      .resolvesOnce({ Images: [{ ImageId: 'ami-2' }] });
    const apis: string[] = [];
    const call: AwsCall = (api, fn) => {
      apis.push(api);
      return fn();
    };
    // Act
    const images = await drain(listOwnedImages(new EC2Client({ region: 'us-east-1' }), call));
    // Assess
    expect(images.map((i) => i.ImageId)).toEqual(['ami-1', 'ami-2']);
    expect(apis).toEqual(['DescribeImages', 'DescribeImages', 'DescribeImages']);
    const tokens = ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.NextToken);
    expect(tokens).toEqual([undefined, 't1', 't2']);
  });

  it('fail on a repeated token instead of looping forever', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [], NextToken: 'a' })
      .resolvesOnce({ Images: [], NextToken: 'b' })
      .resolves({ Images: [], NextToken: 'a' });
    await expect(drain(listOwnedImages(new EC2Client({ region: 'us-east-1' })))).rejects.toThrow(
      'pagination token repeated: a',
    );
    expect(ec2.commandCalls(DescribeImagesCommand)).toHaveLength(3);
  });
});
