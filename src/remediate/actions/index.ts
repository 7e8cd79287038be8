import type { RemediationAction } from '../../catalog/action-registry.js';
import type { ActionModule } from '../types.js';
import { deprecate } from './deprecate.js';
import { deregister } from './deregister.js';
import { disable } from './disable.js';
import { enableBlockPublicAccess } from './enable-block-public-access.js';
import { makePrivate } from './make-private.js';
import { removeLaunchPermissions } from './remove-launch-permissions.js';
import { tag } from './tag.js';

/** Every remediation action by name (the registry the planner, executor and undo share). */
export const ACTIONS: Record<RemediationAction, ActionModule> = {
  'make-private': makePrivate,
  'remove-launch-permissions': removeLaunchPermissions,
  deprecate,
  disable,
  deregister,
  'enable-block-public-access': enableBlockPublicAccess,
  tag,
};
