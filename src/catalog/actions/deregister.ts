import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const deregister = defineAction({
  name: 'deregister',
  title: 'Deregister the image',
  description: `Calls DeregisterImage, with DeleteAssociatedSnapshots when \`deleteSnapshots\` is true; the per-snapshot results (\`success\`, \`skipped\` for snapshots other AMIs use, …) are journaled. Right after, ListImagesInRecycleBin tells whether a Recycle Bin retention rule kept the AMI, and the entry (\`recycleBin: {enterTime, exitTime}\`) is journaled. Refused for a public image, whose consumers cannot be enumerated.

Irreversible unless a Recycle Bin retention rule keeps the image, and then only until its exit time: undo restores it with RestoreImageFromRecycleBin. Otherwise undo lists it as "cannot be undone: deregistered and not in the Recycle Bin". Deleted snapshots are not restored (a snapshot retention rule of their own may keep them). The plan shows the step as reversible "only if a Recycle Bin rule retains it".

When several findings ask to deregister the same AMI, the snapshots are deleted only when every merged finding asks for it. Keeping the snapshots needs \`ec2:DeregisterImage\` and \`ec2:ListImagesInRecycleBin\`, not \`ec2:DeleteSnapshot\`.`,
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
