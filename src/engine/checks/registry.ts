import type { Check, CheckType } from '../../rules/schema.js';
import { ageCheck } from './age.js';
import { matchCheck } from './match.js';
import { namingCheck } from './naming.js';
import { publicSharingCheck } from './public-sharing.js';
import { retentionCheck } from './retention.js';
import type { CheckContext, CheckModule, CheckRunner } from './types.js';
import { unusedCheck } from './unused.js';

/** Every check type, by its `type` name. */
export const CHECKS: { [K in CheckType]: CheckModule<Extract<Check, { type: K }>> } = {
  naming: namingCheck,
  age: ageCheck,
  unused: unusedCheck,
  retention: retentionCheck,
  'public-sharing': publicSharingCheck,
  match: matchCheck,
};

/** Compiles a rule's check into a runner (throws on an unknown type or a bad parameter such as an invalid regex). */
export function createRunner(check: Check, ctx: CheckContext): CheckRunner {
  const mod = CHECKS[check.type] as CheckModule | undefined;
  if (!mod) throw new Error(`unknown check type ${JSON.stringify((check as { type: unknown }).type)}`);
  return mod.create(check, ctx);
}
