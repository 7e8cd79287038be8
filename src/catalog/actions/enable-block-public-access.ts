import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const enableBlockPublicAccess = defineAction({
  name: 'enable-block-public-access',
  title: 'Turn on AMI block public access',
  description:
    "Calls EnableImageBlockPublicAccess (`block-new-sharing`) in the finding's account and region: no image there can be made public afterwards. Images already public stay public. Undo turns it off again.",
  kind: 'guardrail',
  destructive: false,
  reversible: true,
  resourceTypes: ['account-region'],
  params: T.Object({}, { additionalProperties: false }),
  iam: { apply: ['ec2:EnableImageBlockPublicAccess'], undo: ['ec2:DisableImageBlockPublicAccess'] },
});
