import { Type as T } from '@sinclair/typebox';
import { quote } from '../../errors.js';
import { defineAction } from '../action.js';

/** Most days ahead a deprecation may be scheduled (EnableImageDeprecation refuses more than 10 years). */
export const MAX_DEPRECATE_DAYS = 3650;

export const deprecate = defineAction({
  name: 'deprecate',
  title: 'Schedule the image for deprecation',
  description: `Calls EnableImageDeprecation at \`at\`, or \`inDays\` days after the run. With \`inDays: 0\` (the default) the time is the next whole minute plus one minute, since AWS refuses past times: the image is deprecated within two minutes. \`at\` must be in the future and at most 10 years ahead; \`inDays\` at most ${MAX_DEPRECATE_DAYS}.

It never postpones an earlier deprecation already set. When several findings ask to deprecate the same AMI, they are merged into one step that takes the **earliest** date, so a looser rule never postpones a stricter one. A deprecated image can still be launched by id, so consumers keep working. Undo restores the previous deprecation time, or cancels the deprecation (DisableImageDeprecation) when there was none.`,
  kind: 'lifecycle',
  destructive: false,
  reversible: true,
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      inDays: T.Optional(
        T.Integer({
          minimum: 0,
          maximum: MAX_DEPRECATE_DAYS,
          description:
            'deprecate this many days after the run (default 0: the next whole minute plus one, since AWS refuses past times)',
        }),
      ),
      at: T.Optional(
        T.String({
          minLength: 1,
          description:
            'deprecate at this ISO 8601 time instead: in the future, at most 10 years ahead (not with inDays)',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  validate(params, issue) {
    if (params.inDays !== undefined && params.at !== undefined) {
      issue('remediation.params takes inDays or at, not both', ['at']);
    }
    if (typeof params.at === 'string' && Number.isNaN(Date.parse(params.at))) {
      issue(`remediation.params.at must be an ISO 8601 time, got ${quote(params.at)}`, ['at']);
    }
  },
  iam: {
    apply: ['ec2:EnableImageDeprecation'],
    undo: ['ec2:DisableImageDeprecation', 'ec2:EnableImageDeprecation'],
  },
});
