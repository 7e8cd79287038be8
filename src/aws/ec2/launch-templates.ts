import {
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type LaunchTemplateVersion,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';
import { pagesOf, throughCall } from '../pages.js';

/** How an ASG names a launch template version. */
export interface TemplateSpec {
  id?: string;
  name?: string;
  /** A number, `$Latest` or `$Default` (AWS's default when absent). */
  version?: string;
}

/** Whether a launch template's image id is an SSM parameter alias (`resolve:ssm:…`), not an AMI id. */
export function isAlias(imageId: string | undefined): boolean {
  return imageId?.startsWith('resolve:ssm:') === true;
}

/**
 * Lists the $Latest and $Default version of every launch template in one paginated call (no
 * template id). `pageSize` is MaxResults (AWS's default when absent).
 */
export async function* listDefaultAndLatestVersions(
  ec2: EC2Client,
  pageSize?: number,
  call: AwsCall = directCall,
): AsyncGenerator<LaunchTemplateVersion> {
  const pages = paginateDescribeLaunchTemplateVersions(
    { client: throughCall(ec2, 'DescribeLaunchTemplateVersions', call) },
    { Versions: ['$Latest', '$Default'], ...(pageSize ? { MaxResults: pageSize } : {}) },
  );
  for await (const page of pagesOf(pages)) yield* page.LaunchTemplateVersions ?? [];
}

/**
 * The image id one launch template version names (`$Default` when the spec has no version). With
 * `resolveAlias` AWS resolves an SSM alias; an alias it cannot resolve comes back as the alias.
 */
export async function templateVersionImage(
  ec2: EC2Client,
  spec: TemplateSpec,
  resolveAlias: boolean,
  call: AwsCall = directCall,
): Promise<string | undefined> {
  const out = await call('DescribeLaunchTemplateVersions', () =>
    ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        ...(spec.id ? { LaunchTemplateId: spec.id } : { LaunchTemplateName: spec.name }),
        Versions: [spec.version ?? '$Default'],
        ...(resolveAlias ? { ResolveAlias: true } : {}),
      }),
    ),
  );
  return out.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.ImageId;
}
