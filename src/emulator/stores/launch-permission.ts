/** Who may launch an AMI: one account, an organization, an OU, or everyone. */
export interface LaunchPermission {
  userId?: string;
  organizationArn?: string;
  organizationalUnitArn?: string;
  group?: 'all';
}

function arnId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** True when the launch permission lets `account` (in org `orgArn`, under OUs `ouIds`) launch the image. */
export function permits(
  p: LaunchPermission,
  account: string,
  orgArn: string | undefined,
  ouIds: Set<string>,
): boolean {
  if (p.group === 'all') return true;
  if (p.userId) return p.userId === account;
  if (p.organizationArn) return orgArn !== undefined && p.organizationArn === orgArn;
  if (p.organizationalUnitArn) {
    const ou = arnId(p.organizationalUnitArn);
    return orgArn !== undefined && p.organizationalUnitArn.includes(`/${arnId(orgArn)}/`) && ouIds.has(ou);
  }
  return false;
}
