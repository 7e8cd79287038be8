import { describe, expect, it } from 'vitest';
import {
  COLLECTOR_REGISTRY,
  REGION_COLLECTORS,
  withDependencies,
} from '../../src/collect/collectors/index.js';
import { readOnlyIamActions } from '../../src/collect/iam.js';

/** The audit role's permissions policy as the README documents it. */
const README_ROLE_POLICY = [
  'ec2:DescribeRegions',
  'ec2:DescribeImages',
  'ec2:DescribeImageAttribute',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSnapshotAttribute',
  'ec2:GetImageBlockPublicAccessState',
  'ec2:GetSnapshotBlockPublicAccessState',
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeLaunchConfigurations',
];

describe('collector registry', () => {
  it('names each collector by its key', () => {
    for (const [name, collector] of Object.entries(COLLECTOR_REGISTRY)) expect(collector.name).toBe(name);
  });

  it('lists every collector after the ones it depends on or uses (the scheduler relies on it)', () => {
    for (const [i, name] of REGION_COLLECTORS.entries()) {
      const c = COLLECTOR_REGISTRY[name];
      for (const d of [...c.dependsOn, ...c.uses]) expect(REGION_COLLECTORS.indexOf(d)).toBeLessThan(i);
    }
  });

  it('adds what a selection depends on, in scan order', () => {
    expect(withDependencies(['snapshots', 'launch-permissions'])).toEqual([
      'images',
      'launch-permissions',
      'snapshots',
    ]);
    expect(withDependencies(['assume-role', 'auto-scaling-groups'])).toEqual(['auto-scaling-groups']);
  });
});

describe('readOnlyIamActions', () => {
  it('covers exactly the documented audit role policy when every collector runs', () => {
    expect(readOnlyIamActions(REGION_COLLECTORS).sort()).toEqual([...README_ROLE_POLICY].sort());
  });

  it('needs only the listing for an images-only scan', () => {
    expect(readOnlyIamActions(['images'])).toEqual(['ec2:DescribeRegions', 'ec2:DescribeImages']);
  });
});
