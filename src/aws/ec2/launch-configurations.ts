import {
  type AutoScalingClient,
  DescribeLaunchConfigurationsCommand,
  type LaunchConfiguration,
  paginateDescribeLaunchConfigurations,
} from '@aws-sdk/client-auto-scaling';
import { type AwsCall, directCall } from '../call.js';
import { pagesOf, throughCall } from '../pages.js';

/** Lists the account-region's launch configurations; `pageSize` is MaxRecords (AWS's default when absent). */
export async function* listLaunchConfigurations(
  asg: AutoScalingClient,
  pageSize?: number,
  call: AwsCall = directCall,
): AsyncGenerator<LaunchConfiguration> {
  const pages = paginateDescribeLaunchConfigurations(
    { client: throughCall(asg, 'DescribeLaunchConfigurations', call) },
    pageSize ? { MaxRecords: pageSize } : {},
  );
  for await (const page of pagesOf(pages)) yield* page.LaunchConfigurations ?? [];
}

/** The image id of one launch configuration, by name (undefined when it does not exist). */
export async function launchConfigurationImage(
  asg: AutoScalingClient,
  name: string,
  call: AwsCall = directCall,
): Promise<string | undefined> {
  const out = await call('DescribeLaunchConfigurations', () =>
    asg.send(new DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: [name] })),
  );
  return out.LaunchConfigurations?.[0]?.ImageId;
}
