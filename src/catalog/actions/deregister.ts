import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const deregister = defineAction({
  name: 'deregister',
  title: 'Deregister the image',
  description:
    'Calls DeregisterImage, with DeleteAssociatedSnapshots when `deleteSnapshots` is true (per-snapshot results are journaled). Irreversible unless a Recycle Bin retention rule keeps the image: apply asks ListImagesInRecycleBin right after, and undo restores it with RestoreImageFromRecycleBin until its exit time. Refused for a public image.',
  kind: 'lifecycle',
  destructive: true,
  reversible: 'recycle-bin',
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      deleteSnapshots: T.Optional(
        T.Boolean({ description: 'also delete the backing snapshots (default false)' }),
      ),
    },
    { additionalProperties: false },
  ),
  iam: {
    apply: ['ec2:DeregisterImage', 'ec2:DeleteSnapshot', 'ec2:ListImagesInRecycleBin'],
    undo: ['ec2:ListImagesInRecycleBin', 'ec2:RestoreImageFromRecycleBin'],
  },
});
