import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const removeLaunchPermissions = defineAction({
  name: 'remove-launch-permissions',
  title: 'Remove the untrusted launch permissions',
  description: `Removes exactly the untrusted principals the finding names (its evidence's \`untrustedPrincipals\`) that are still present live. Trusted shares are never touched, because they are never named. When several findings ask for it on the same AMI, the union of their untrusted principals is removed. Undo adds the removed permissions back.`,
  kind: 'sharing',
  destructive: true,
  reversible: true,
  resourceTypes: ['ec2:image'],
  params: T.Object({}, { additionalProperties: false }),
  iam: { apply: ['ec2:ModifyImageAttribute'], undo: ['ec2:ModifyImageAttribute'] },
});
