import type { ActionDefinition } from './action.js';
import { deprecate } from './actions/deprecate.js';
import { deregister } from './actions/deregister.js';
import { disable } from './actions/disable.js';
import { enableBlockPublicAccess } from './actions/enable-block-public-access.js';
import { makePrivate } from './actions/make-private.js';
import { removeLaunchPermissions } from './actions/remove-launch-permissions.js';
import { tag } from './actions/tag.js';
import type { RemediationFit } from './terms.js';

/** Every remediation action a rule file may name, in the order the schema and the docs list them. */
export const ACTION_DEFINITIONS = {
  'make-private': makePrivate,
  'remove-launch-permissions': removeLaunchPermissions,
  deprecate,
  disable,
  deregister,
  'enable-block-public-access': enableBlockPublicAccess,
  tag,
} as const;

export type RemediationAction = keyof typeof ACTION_DEFINITIONS;

/** The action names, in registry order. */
export const REMEDIATION_ACTIONS = Object.keys(ACTION_DEFINITIONS) as RemediationAction[];

/** Whether a name (from a rule, findings or journal file) is an action of the catalog. */
export function isRemediationAction(name: string): name is RemediationAction {
  return Object.hasOwn(ACTION_DEFINITIONS, name);
}

/** Looks an action up by name (names come from rule and findings files, so they are checked). */
export function actionDefinition(name: string): ActionDefinition | undefined {
  return isRemediationAction(name) ? ACTION_DEFINITIONS[name] : undefined;
}

/** Whether an action may fix a check's findings: its kind is one the check accepts, irreversibility allowed. */
export function actionFits(action: ActionDefinition, fit: RemediationFit): boolean {
  return fit.kinds.includes(action.kind) && (action.reversible === true || fit.irreversible);
}
