import { gateFindings } from '../findings/gate.js';
import type { Report } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';
import type { RunStatus } from '../report/formats/options.js';
import { EXIT } from './exit-codes.js';

/** What decides the exit code of a finished run. */
export interface Gate {
  failOn: Severity | 'none';
  allowPartial: boolean;
  failOnNew?: boolean;
  /** Shards of the inventory that were not given (their accounts are not in the audit). */
  missingShards?: string[];
}

/**
 * The exit code of a finished run: 1 when an open finding is at or above `failOn` (with `failOnNew`,
 * only new ones count); otherwise 3 when coverage is incomplete — gaps in the report, or shards of the
 * inventory missing — unless `allowPartial`; otherwise 0.
 */
export function exitCodeOf(report: Report, gate: Gate): number {
  if (gateFindings(report, gate.failOn, gate.failOnNew).length > 0) return EXIT.violations;
  if (isIncomplete(report, gate) && !gate.allowPartial) return EXIT.incomplete;
  return EXIT.clean;
}

function isIncomplete(report: Report, gate: Gate): boolean {
  return !report.coverage.complete || (gate.missingShards?.length ?? 0) > 0;
}

/** The verdict word of an exit code, for the reports that state it (summary.md, the GitHub job summary). */
export function statusOf(exitCode: number): RunStatus {
  if (exitCode === EXIT.violations) return 'FAIL';
  if (exitCode === EXIT.incomplete) return 'INCOMPLETE';
  return 'PASS';
}

/** One line that says why the exit code is what it is. */
export function verdictLine(report: Report, exitCode: number, gate: Gate): string {
  if (exitCode === EXIT.violations) {
    const n = gateFindings(report, gate.failOn, gate.failOnNew).length;
    return `FAIL: ${n} ${gate.failOnNew ? 'new ' : ''}open finding${n === 1 ? '' : 's'} at or above ${gate.failOn} (exit 1)`;
  }
  if (exitCode === EXIT.incomplete) {
    return 'INCOMPLETE: no violation at the threshold, but coverage is incomplete (exit 3; --allow-partial accepts it)';
  }
  if (isIncomplete(report, gate))
    return 'PASS (partial): coverage is incomplete, accepted by --allow-partial';
  return 'PASS';
}
