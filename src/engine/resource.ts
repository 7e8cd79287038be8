import type { Subject } from '../catalog/check.js';
import { accountRegionId } from '../catalog/checks/public-sharing.js';
import { flatString } from '../findings/fingerprint.js';
import type { Resource } from '../findings/model.js';

/** AWS partition of a region (China and GovCloud have their own ARN partitions). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The report's resource for a finding subject. ARNs carry the owning account (the findings.json contract,
 * although IAM writes image and snapshot ARNs with an empty account field) so each ARN names one place.
 * An account-region resource has id `ACCOUNT/REGION` and ARN `arn:PARTITION:ec2:REGION:ACCOUNT:account-region`.
 */
export function toResource(subject: Subject): Resource {
  if (subject.type === 'ec2:image') {
    const img = subject.image;
    const r: Resource = {
      type: 'ec2:image',
      id: img.imageId,
      arn: flatString(`arn:${partitionOf(img.region)}:ec2:${img.region}:${img.account}:image/${img.imageId}`),
      account: img.account,
      region: img.region,
    };
    if (img.name !== undefined) r.name = img.name;
    r.tags = img.tags;
    return r;
  }
  if (subject.type === 'ec2:snapshot') {
    const s = subject.snapshot;
    return {
      type: 'ec2:snapshot',
      id: s.snapshotId,
      arn: `arn:${partitionOf(s.region)}:ec2:${s.region}:${s.account}:snapshot/${s.snapshotId}`,
      account: s.account,
      region: s.region,
    };
  }
  const { account, region } = subject;
  return {
    type: 'account-region',
    id: accountRegionId(account, region),
    arn: `arn:${partitionOf(region)}:ec2:${region}:${account}:account-region`,
    account,
    region,
  };
}
