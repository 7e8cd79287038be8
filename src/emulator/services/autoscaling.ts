import { ApiError } from '../api-error.js';
import type { CallContext } from '../context.js';
import { decodeToken, page } from '../pagination.js';
import type { Params } from '../params.js';
import type { EmuAutoScalingGroup, EmuLtSpec } from '../stores/auto-scaling.js';
import { leaf, list, node } from '../xml.js';

export const AUTOSCALING_XMLNS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

function maxRecords(p: Params): number {
  const n = p.int('MaxRecords') ?? 50;
  if (n < 1 || n > 100)
    throw new ApiError('ValidationError', `MaxRecords ${n} must be between 1 and 100`, 400);
  return n;
}

function spec(s: EmuLtSpec): string {
  return (
    leaf('LaunchTemplateId', s.launchTemplateId) +
    leaf('LaunchTemplateName', s.launchTemplateName) +
    leaf('Version', s.version)
  );
}

function renderGroup(g: EmuAutoScalingGroup): string {
  const mip = g.mixedInstancesPolicy;
  return (
    leaf('AutoScalingGroupName', g.name) +
    leaf(
      'AutoScalingGroupARN',
      `arn:aws:autoscaling:${g.region}:${g.account}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/${g.name}`,
    ) +
    leaf('LaunchConfigurationName', g.launchConfigurationName) +
    (g.launchTemplate ? node('LaunchTemplate', spec(g.launchTemplate)) : '') +
    (mip
      ? node(
          'MixedInstancesPolicy',
          node(
            'LaunchTemplate',
            node('LaunchTemplateSpecification', spec(mip.launchTemplate.launchTemplateSpecification)) +
              list(
                'Overrides',
                mip.launchTemplate.overrides,
                (o) =>
                  leaf('InstanceType', o.instanceType) +
                  (o.launchTemplateSpecification
                    ? node('LaunchTemplateSpecification', spec(o.launchTemplateSpecification))
                    : ''),
                'member',
              ),
          ),
        )
      : '') +
    leaf('MinSize', g.minSize) +
    leaf('MaxSize', g.maxSize) +
    leaf('DesiredCapacity', g.desiredCapacity) +
    leaf('DefaultCooldown', 300) +
    list('AvailabilityZones', [`${g.region}a`], (z) => z, 'member') +
    leaf('HealthCheckType', 'EC2') +
    leaf('CreatedTime', '2025-01-01T00:00:00.000Z') +
    '<Instances/>'
  );
}

/** DescribeAutoScalingGroups: names or all, MaxRecords ≤ 100, NextToken. */
function describeAutoScalingGroups(ctx: CallContext, p: Params): string {
  const names = p.list('AutoScalingGroupNames.member');
  let items = ctx.state.autoScaling.groups(ctx.account, ctx.region);
  if (names.length > 0) items = items.filter((g) => names.includes(g.name));
  const { items: pageItems, next } = page(
    items,
    decodeToken(p.get('NextToken'), 'DescribeAutoScalingGroups', 'InvalidNextToken'),
    maxRecords(p),
    'DescribeAutoScalingGroups',
  );
  return list('AutoScalingGroups', pageItems, renderGroup, 'member') + leaf('NextToken', next);
}

/** DescribeLaunchConfigurations: names or all, MaxRecords ≤ 100, NextToken. */
function describeLaunchConfigurations(ctx: CallContext, p: Params): string {
  const names = p.list('LaunchConfigurationNames.member');
  let items = ctx.state.autoScaling.launchConfigurations(ctx.account, ctx.region);
  if (names.length > 0) items = items.filter((c) => names.includes(c.name));
  const { items: pageItems, next } = page(
    items,
    decodeToken(p.get('NextToken'), 'DescribeLaunchConfigurations', 'InvalidNextToken'),
    maxRecords(p),
    'DescribeLaunchConfigurations',
  );
  return (
    list(
      'LaunchConfigurations',
      pageItems,
      (c) =>
        leaf('LaunchConfigurationName', c.name) +
        leaf(
          'LaunchConfigurationARN',
          `arn:aws:autoscaling:${c.region}:${c.account}:launchConfiguration:00000000-0000-0000-0000-000000000000:launchConfigurationName/${c.name}`,
        ) +
        leaf('ImageId', c.imageId) +
        leaf('InstanceType', c.instanceType) +
        leaf('CreatedTime', '2025-01-01T00:00:00.000Z') +
        '<SecurityGroups/><BlockDeviceMappings/>',
      'member',
    ) + leaf('NextToken', next)
  );
}

export const AUTOSCALING_ACTIONS: Record<string, (ctx: CallContext, p: Params) => string> = {
  DescribeAutoScalingGroups: describeAutoScalingGroups,
  DescribeLaunchConfigurations: describeLaunchConfigurations,
};
