/** Faults a world (or a test, by mutating them) injects into calls. */
export interface EmuFaults {
  assumeRoleDenied: Set<string>;
  accessDenied: { account: string; region?: string; api: string }[];
  errorRate: number;
  slow: { api?: string; account?: string; region?: string; delayMs: number }[];
}

/** The call a fault is matched against. */
export interface FaultTarget {
  action: string;
  account: string;
  region: string;
}

/** Extra delay (ms) the `slow` faults add to the call: every matching entry counts. */
export function slowFaultDelayMs(faults: EmuFaults, call: FaultTarget): number {
  let delayMs = 0;
  for (const s of faults.slow) {
    if (
      (s.api === undefined || s.api === call.action) &&
      (s.account === undefined || s.account === call.account) &&
      (s.region === undefined || s.region === call.region)
    ) {
      delayMs += s.delayMs;
    }
  }
  return delayMs;
}

/** True when an `accessDenied` fault covers the call (`api: '*'` covers every action). */
export function deniedByFault(faults: EmuFaults, call: FaultTarget): boolean {
  return faults.accessDenied.some(
    (d) =>
      d.account === call.account &&
      (d.region === undefined || d.region === call.region) &&
      (d.api === '*' || d.api === call.action),
  );
}
