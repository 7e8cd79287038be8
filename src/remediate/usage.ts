import {
  type AutoScalingClient,
  paginateDescribeAutoScalingGroups,
  paginateDescribeLaunchConfigurations,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';

/** Instance states that can still run or be started again (everything but terminated). */
const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

interface LtSpec {
  id?: string;
  name?: string;
  version: string;
}

function ssmAlias(imageId: string | undefined): boolean {
  return imageId?.startsWith('resolve:ssm:') === true;
}

/**
 * Looks for anything in one account-region that uses the AMI right now: instances not terminated,
 * launch template $Latest/$Default versions, launch configurations, and the exact launch template
 * versions auto scaling groups point at (mixed instances policies and their overrides included).
 * Returns the first use found (a human line), or undefined. An SSM alias that cannot be resolved
 * counts as a use, since it might be this AMI.
 */
export async function findUsage(
  ec2: EC2Client,
  asg: AutoScalingClient,
  imageId: string,
): Promise<string | undefined> {
  for await (const page of paginateDescribeInstances(
    { client: ec2 },
    {
      Filters: [
        { Name: 'image-id', Values: [imageId] },
        { Name: 'instance-state-name', Values: LIVE_STATES },
      ],
    },
  )) {
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        // Filtered again locally: an endpoint that ignores a filter must not hide a use.
        if (i.ImageId === imageId && LIVE_STATES.includes(i.State?.Name ?? 'running')) {
          return `instance ${i.InstanceId} (${i.State?.Name ?? 'unknown state'})`;
        }
      }
    }
  }

  for await (const page of paginateDescribeLaunchTemplateVersions(
    { client: ec2 },
    { Versions: ['$Latest', '$Default'] },
  )) {
    for (const v of page.LaunchTemplateVersions ?? []) {
      const ami = v.LaunchTemplateData?.ImageId;
      if (ami === imageId) return `launch template ${v.LaunchTemplateId} version ${v.VersionNumber}`;
      if (ssmAlias(ami))
        return `launch template ${v.LaunchTemplateId} version ${v.VersionNumber} uses ${ami} (not resolved)`;
    }
  }

  for await (const page of paginateDescribeLaunchConfigurations({ client: asg }, {})) {
    for (const lc of page.LaunchConfigurations ?? []) {
      if (lc.ImageId === imageId) return `launch configuration ${lc.LaunchConfigurationName}`;
      if (ssmAlias(lc.ImageId))
        return `launch configuration ${lc.LaunchConfigurationName} uses ${lc.ImageId} (not resolved)`;
    }
  }

  const specs = new Map<string, { spec: LtSpec; groups: string[] }>();
  for await (const page of paginateDescribeAutoScalingGroups({ client: asg }, {})) {
    for (const g of page.AutoScalingGroups ?? []) {
      const mip = g.MixedInstancesPolicy?.LaunchTemplate;
      const raw = [
        g.LaunchTemplate,
        mip?.LaunchTemplateSpecification,
        ...(mip?.Overrides ?? []).map((o) => o.LaunchTemplateSpecification),
      ];
      for (const s of raw) {
        if (!s || (!s.LaunchTemplateId && !s.LaunchTemplateName)) continue;
        // $Latest and $Default were checked above for every template.
        const version = s.Version ?? '$Default';
        if (version === '$Latest' || version === '$Default') continue;
        const key = `${s.LaunchTemplateId ?? ''}/${s.LaunchTemplateName ?? ''}/${version}`;
        const entry = specs.get(key) ?? {
          spec: { id: s.LaunchTemplateId, name: s.LaunchTemplateName, version },
          groups: [],
        };
        entry.groups.push(g.AutoScalingGroupName ?? '?');
        specs.set(key, entry);
      }
    }
  }
  for (const { spec, groups } of specs.values()) {
    const out = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        ...(spec.id ? { LaunchTemplateId: spec.id } : { LaunchTemplateName: spec.name }),
        Versions: [spec.version],
      }),
    );
    const ami = out.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.ImageId;
    if (ami === imageId || ssmAlias(ami)) {
      return `auto scaling group ${groups[0]} (launch template ${spec.id ?? spec.name} version ${spec.version})`;
    }
  }
  return undefined;
}
