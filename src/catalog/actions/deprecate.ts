import { Type as T } from '@sinclair/typebox';
import { quote } from '../../errors.js';
import { defineAction } from '../action.js';

/** Most days ahead a deprecation may be scheduled (EnableImageDeprecation refuses more than 10 years). */
export const MAX_DEPRECATE_DAYS = 3650;

export const deprecate = defineAction({
  name: 'deprecate',
  title: 'Schedule the image for deprecation',
  description:
    'Calls EnableImageDeprecation at `at`, or `inDays` days after the run (0: the next whole minute, since AWS refuses past times). It never postpones an earlier deprecation already set. A deprecated image can still be launched by id, so consumers keep working. Undo restores the previous deprecation time, or cancels the deprecation when there was none.',
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
          description: 'deprecate this many days after the run (default 0: now)',
        }),
      ),
      at: T.Optional(
        T.String({ minLength: 1, description: 'deprecate at this ISO 8601 time instead (not with inDays)' }),
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
