import type { Resource } from '../findings/model.js';

/** The resource types findings are about. */
export type ResourceType = Resource['type'];

/** Where a problem beyond the schema is, relative to the object validated; `key` points at a map key. */
export type Issue = (message: string, path: readonly (string | number)[], opts?: { key?: boolean }) => void;

/**
 * What an action changes: `sharing` (launch permissions), `lifecycle` (deprecate, disable, deregister:
 * these get the in-use, protection, hold and managed-by re-checks), `guardrail` (account settings),
 * `annotation` (tags).
 */
export type ActionKind = 'sharing' | 'lifecycle' | 'guardrail' | 'annotation';

/** Reversibility of an action: `recycle-bin` = irreversible unless a Recycle Bin retention rule covers the resource. */
export type Reversibility = boolean | 'recycle-bin';

/** Which remediation actions may fix a check's findings: their kinds, and whether irreversible ones may. */
export interface RemediationFit {
  kinds: readonly ActionKind[];
  irreversible: boolean;
}
