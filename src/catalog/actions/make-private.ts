import { Type as T } from '@sinclair/typebox';
import { defineAction } from '../action.js';

export const makePrivate = defineAction({
  name: 'make-private',
  title: 'Remove the public launch permission',
  description: `Removes the public (\`Group: all\`) launch permission of the image and nothing else: account, organization and OU shares stay. Consumers outside those shares lose access. Undo adds the public permission back.`,
  kind: 'sharing',
  destructive: true,
  reversible: true,
  resourceTypes: ['ec2:image'],
  params: T.Object({}, { additionalProperties: false }),
  iam: { apply: ['ec2:ModifyImageAttribute'], undo: ['ec2:ModifyImageAttribute'] },
});
