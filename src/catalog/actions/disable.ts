import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const disable = defineAction({
  name: 'disable',
  title: 'Disable the image',
  description: `Calls DisableImage: the image can no longer be launched. AWS wipes every launch permission and EnableImage does not restore them, so they are read live right before and saved in the journal. Refused for a public image, whose consumers cannot be enumerated. Undo calls EnableImage and re-adds the saved launch permissions.`,
  kind: 'lifecycle',
  destructive: true,
  reversible: true,
  resourceTypes: ['ec2:image'],
  params: T.Object({}, { additionalProperties: false }),
  iam: { apply: ['ec2:DisableImage'], undo: ['ec2:EnableImage', 'ec2:ModifyImageAttribute'] },
});
