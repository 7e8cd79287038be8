import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { listAutoScalingGroups, templateSpecsOf } from '../aws/ec2/auto-scaling-groups.js';
import { LIVE_STATES, listLiveInstances } from '../aws/ec2/instances.js';
import { listLaunchConfigurations } from '../aws/ec2/launch-configurations.js';
import {
  isAlias,
  listDefaultAndLatestVersions,
  type TemplateSpec,
  templateVersionImage,
} from '../aws/ec2/launch-templates.js';

/** A use of the AMI found live: `certain` = it is used; false = it may be (an SSM alias that could not be resolved). */
export interface UsageHit {
  certain: boolean;
  what: string;
}

/**
 * The AMI a launch template version launches, resolving a `resolve:ssm:` alias the way the scanner
 * does (DescribeLaunchTemplateVersions with ResolveAlias=true for that one version). Returns the
 * alias itself when it cannot be resolved (the call fails or answers with the alias again).
 */
async function resolvedImage(
  ec2: EC2Client,
  spec: TemplateSpec,
  listed: string | undefined,
): Promise<string | undefined> {
  if (!isAlias(listed)) return listed;
  try {
    return (await templateVersionImage(ec2, spec, true)) ?? listed;
  } catch {
    return listed;
  }
}

/**
 * Looks for anything in one account-region that uses the AMI right now: instances not terminated,
 * launch template $Latest/$Default versions, launch configurations, and the exact launch template
 * versions auto scaling groups point at (mixed instances policies and their overrides included).
 * SSM aliases of launch templates are resolved. Returns the first certain use; failing that, the
 * first doubt (an alias that could not be resolved: it might be this AMI); else undefined.
 */
export async function findUsage(
  ec2: EC2Client,
  asg: AutoScalingClient,
  imageId: string,
): Promise<UsageHit | undefined> {
  let doubt: UsageHit | undefined;
  const unresolved = (what: string, alias: string) => {
    doubt ??= { certain: false, what: `${what} uses ${alias}, which could not be resolved` };
  };

  for await (const i of listLiveInstances(ec2, { imageId })) {
    // Filtered again locally: an endpoint that ignores a filter must not hide a use.
    if (i.ImageId === imageId && LIVE_STATES.includes(i.State?.Name ?? 'running')) {
      return { certain: true, what: `instance ${i.InstanceId} (${i.State?.Name ?? 'unknown state'})` };
    }
  }

  for await (const v of listDefaultAndLatestVersions(ec2)) {
    const listed = v.LaunchTemplateData?.ImageId;
    const where = `launch template ${v.LaunchTemplateId} version ${v.VersionNumber}`;
    const ami =
      isAlias(listed) && v.VersionNumber !== undefined
        ? await resolvedImage(
            ec2,
            { id: v.LaunchTemplateId, name: v.LaunchTemplateName, version: String(v.VersionNumber) },
            listed,
          )
        : listed;
    if (ami === imageId) {
      return { certain: true, what: isAlias(listed) ? `${where} (${listed})` : where };
    }
    if (isAlias(ami)) unresolved(where, ami as string);
  }

  for await (const lc of listLaunchConfigurations(asg)) {
    if (lc.ImageId === imageId)
      return { certain: true, what: `launch configuration ${lc.LaunchConfigurationName}` };
    if (isAlias(lc.ImageId))
      unresolved(`launch configuration ${lc.LaunchConfigurationName}`, lc.ImageId as string);
  }

  const specs = new Map<string, { spec: TemplateSpec; groups: string[] }>();
  for await (const g of listAutoScalingGroups(asg)) {
    for (const s of templateSpecsOf(g)) {
      // $Latest and $Default were checked above for every template.
      const version = s.version ?? '$Default';
      if (version === '$Latest' || version === '$Default') continue;
      const key = `${s.id ?? ''}/${s.name ?? ''}/${version}`;
      const entry = specs.get(key) ?? { spec: { id: s.id, name: s.name, version }, groups: [] };
      entry.groups.push(g.AutoScalingGroupName ?? '?');
      specs.set(key, entry);
    }
  }
  for (const { spec, groups } of specs.values()) {
    const listed = await templateVersionImage(ec2, spec, false);
    const ami = await resolvedImage(ec2, spec, listed);
    const where = `auto scaling group ${groups[0]} (launch template ${spec.id ?? spec.name} version ${spec.version})`;
    if (ami === imageId) return { certain: true, what: where };
    if (isAlias(ami)) unresolved(where, ami as string);
  }
  return doubt;
}
