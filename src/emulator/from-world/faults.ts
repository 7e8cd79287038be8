import type { EmuFaults } from '../stores/faults.js';
import { accountId } from '../stores/keys.js';
import type { World } from '../world.js';

/** The world's faults with account ids normalised (none when the world has no `faults`). */
export function faultsOf(world: World): EmuFaults {
  const f = world.faults ?? {};
  return {
    assumeRoleDenied: new Set((f.assumeRoleDenied ?? []).map(accountId)),
    accessDenied: (f.accessDenied ?? []).map((d) => ({ ...d, account: accountId(d.account) })),
    errorRate: f.errorRate ?? 0,
    slow: (f.slow ?? []).map((s) => ({
      ...s,
      account: s.account === undefined ? undefined : accountId(s.account),
    })),
  };
}
