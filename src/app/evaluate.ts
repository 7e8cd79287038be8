import { readInventory } from '../inventory/reader.js';
import { checkOutputOptions } from '../report/write.js';
import { evaluateAndReport, type ReportOptions, type RunOutcome } from './evaluate-and-report.js';
import type { AppIo } from './io.js';
import { loadRuleInputs } from './rule-inputs.js';

export interface EvaluateOptions extends ReportOptions {
  /** Inventory (.jsonl) files: several are shards of one scan, merged and de-duplicated. */
  inventories: string[];
  /** Evaluate as of this instant (default: the inventory's collection time). */
  now?: Date;
}

/** Evaluates rules against inventory files offline: reports, summary and the exit code of the gate. */
export async function evaluateInventories(opts: EvaluateOptions, io: AppIo): Promise<RunOutcome> {
  // A usage mistake costs nothing: checked before the inventories are read.
  checkOutputOptions(opts.out, opts.formats);
  const inventory = await readInventory(opts.inventories);
  const inputs = await loadRuleInputs({ ...opts, cwd: io.cwd });
  // The inventory is a snapshot: judge it as of when it was collected, unless --now says otherwise
  // ("what fails next month"), so re-evaluating an old inventory gives the same answer.
  const now = opts.now ?? new Date(inventory.collectedAt);
  const { inventories: _inventories, ...reportOptions } = opts;
  return evaluateAndReport(inputs, { ...reportOptions, inventory, now }, io);
}
