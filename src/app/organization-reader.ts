import { DescribeOrganizationCommand, paginateListAccounts } from '@aws-sdk/client-organizations';
import type { AwsSession } from '../aws/types.js';

/** The organization (id + ACTIVE accounts), read once and only when an org/OU-shared AMI needs it. */
export function organizationReader(session: AwsSession): () => Promise<{ id: string; accounts: string[] }> {
  let cached: Promise<{ id: string; accounts: string[] }> | undefined;
  return () => {
    cached ??= (async () => {
      const client = session.organizations();
      const org = await client.send(new DescribeOrganizationCommand({}));
      const id = org.Organization?.Id;
      if (!id) throw new Error('DescribeOrganization returned no id');
      const accounts: string[] = [];
      for await (const page of paginateListAccounts({ client }, {})) {
        for (const a of page.Accounts ?? [])
          if (a.Id && (a.State ?? a.Status) === 'ACTIVE') accounts.push(a.Id);
      }
      return { id, accounts };
    })();
    return cached;
  };
}
