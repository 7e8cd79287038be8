import type { Severity } from '../findings/severity.js';
import { loadRules } from '../rules/load.js';
import { rulePathsOrDefault } from './rule-inputs.js';

/** One loaded rule as `rules list` shows it. */
export interface RuleRow {
  id: string;
  type: string;
  severity: Severity;
  title: string;
  file: string;
  line: number;
}

/** Loads the rules (default: the rules of `cwd`) and returns one row per rule, in load order. */
export async function listRules(paths: string[], cwd: string): Promise<RuleRow[]> {
  const { rules } = await loadRules(rulePathsOrDefault(paths, cwd));
  return rules.map((r) => ({
    id: r.id,
    type: r.check.type,
    severity: r.severity,
    title: r.title,
    file: r.source.file,
    line: r.source.line,
  }));
}
