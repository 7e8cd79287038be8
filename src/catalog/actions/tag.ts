import { Type as T } from '@sinclair/typebox';
import { quote } from '../../errors.js';
import { defineAction } from '../action.js';

/** Default mark when a rule gives no tags: amiaudit:review = the rule id. */
export const REVIEW_TAG = 'amiaudit:review';

export const tag = defineAction({
  name: 'tag',
  title: 'Tag the resource for review',
  description: `Sets tags on the image or snapshot (default \`${REVIEW_TAG}: "{ruleId}"\`); \`{ruleId}\`, \`{findingId}\` and \`{date}\` expand in values. Nothing a consumer relies on changes. Undo restores each key's previous value or removes it.`,
  kind: 'annotation',
  destructive: false,
  reversible: true,
  resourceTypes: ['ec2:image', 'ec2:snapshot'],
  params: T.Object(
    {
      tags: T.Optional(
        T.Record(T.String(), T.String({ maxLength: 256 }), {
          minProperties: 1,
          maxProperties: 40,
          description:
            'tags to set (default amiaudit:review: "{ruleId}"); {ruleId}, {findingId}, {date} expand',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  validate(params, issue) {
    const tags = params.tags;
    if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return;
    for (const key of Object.keys(tags)) {
      if (key.length > 128 || key.toLowerCase().startsWith('aws:')) {
        issue(
          `remediation.params.tags key ${quote(key)} is not usable (1-128 characters, no aws: prefix)`,
          ['tags', key],
          {
            key: true,
          },
        );
      }
    }
  },
  iam: { apply: ['ec2:CreateTags'], undo: ['ec2:DeleteTags', 'ec2:CreateTags'] },
});
