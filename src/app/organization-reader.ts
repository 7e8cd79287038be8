import { readOrganizationMembers } from '../aws/organization.js';
import type { AwsSession } from '../aws/types.js';

/** The organization (id + ACTIVE accounts), read once and only when an org/OU-shared AMI needs it. */
export function organizationReader(session: AwsSession): () => Promise<{ id: string; accounts: string[] }> {
  let cached: Promise<{ id: string; accounts: string[] }> | undefined;
  return () => {
    cached ??= readOrganizationMembers(session.organizations());
    return cached;
  };
}
