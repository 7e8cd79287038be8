import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const enableBlockPublicAccess = defineAction({
  name: 'enable-block-public-access',
  title: 'Turn on AMI block public access',
  description: `Calls EnableImageBlockPublicAccess (\`block-new-sharing\`) in the finding's account and region: no image there can be made public afterwards. It does not make images that are already public private. Refused when an Organizations declarative policy manages the setting (change it there). Undo calls DisableImageBlockPublicAccess, and only when the setting was \`unblocked\` before; otherwise it is left on.`,
  kind: 'guardrail',
  destructive: false,
  reversible: true,
  resourceTypes: ['account-region'],
  params: T.Object({}, { additionalProperties: false }),
  iam: { apply: ['ec2:EnableImageBlockPublicAccess'], undo: ['ec2:DisableImageBlockPublicAccess'] },
});
