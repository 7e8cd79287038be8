import { Type as T } from '@sinclair/typebox';
import { quote } from '../../errors.js';
import { defineAction } from '../action.js';

/** Default mark when a rule gives no tags: amiaudit:review = the rule id. */
export const REVIEW_TAG = 'amiaudit:review';

export const tag = defineAction({
  name: 'tag',
  title: 'Tag the resource for review',
  description: `Marks the image or snapshot for review with CreateTags (default \`${REVIEW_TAG}: "{ruleId}"\`); \`{ruleId}\`, \`{findingId}\` and \`{date}\` expand in values. 1 to 40 tags; keys of 1–128 characters that do not start with \`aws:\`, values of at most 256 characters. When several findings ask to tag the same resource, the tags are merged: the same key from two rules keeps both values, comma-separated (\`${REVIEW_TAG}=ami-naming,ami-owner\`). Nothing a consumer relies on changes. Undo deletes the keys it added (only while they still hold its value) and restores overwritten values.`,
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
            'tags to set, key → value: keys of 1-128 characters without the aws: prefix, values of at most 256 characters; {ruleId}, {findingId}, {date} expand (default amiaudit:review: "{ruleId}")',
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
