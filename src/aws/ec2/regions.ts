import { DescribeRegionsCommand, type EC2Client, type Region } from '@aws-sdk/client-ec2';
import { type AwsCall, directCall } from '../call.js';

/** The regions of a DescribeRegions(AllRegions) answer that are enabled (all but not-opted-in ones). */
export function enabledRegionNames(regions: Region[]): string[] {
  return regions.filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName!);
}

/** Every region with its opt-in status (DescribeRegions with AllRegions, asked in the home region). */
export async function describeAllRegions(ec2: EC2Client, call: AwsCall = directCall): Promise<Region[]> {
  const out = await call('DescribeRegions', () => ec2.send(new DescribeRegionsCommand({ AllRegions: true })));
  return out.Regions ?? [];
}
