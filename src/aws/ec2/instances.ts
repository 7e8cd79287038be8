import { type EC2Client, type Instance, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';
import { pagesOf, throughCall } from '../pages.js';

/** Every state but terminated: a stopped instance still pins its AMI. */
export const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

export interface InstanceQuery {
  /** Only instances launched from this AMI. */
  imageId?: string;
  /** MaxResults per page (AWS's default when absent). */
  pageSize?: number;
}

/**
 * Lists the account-region's instances that are not terminated, filtered server-side (so never
 * DescribeInstances' unpaginated bucket) and paginated.
 */
export async function* listLiveInstances(
  ec2: EC2Client,
  query: InstanceQuery = {},
  call: AwsCall = directCall,
): AsyncGenerator<Instance> {
  const pages = paginateDescribeInstances(
    { client: throughCall(ec2, 'DescribeInstances', call) },
    {
      Filters: [
        ...(query.imageId ? [{ Name: 'image-id', Values: [query.imageId] }] : []),
        { Name: 'instance-state-name', Values: LIVE_STATES },
      ],
      ...(query.pageSize ? { MaxResults: query.pageSize } : {}),
    },
  );
  for await (const page of pagesOf(pages)) {
    for (const r of page.Reservations ?? []) yield* r.Instances ?? [];
  }
}
