import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputErrors } from '../errors.js';
import { loadExceptions, validateExceptionRuleIds } from '../rules/exceptions.js';
import { defaultRulePaths, loadRules } from '../rules/load.js';
import type { LoadedException, Rule } from '../rules/schema.js';
import { DEFAULT_EXCEPTIONS } from './defaults.js';

/** The validated rules and exceptions of one run, loaded once. */
export interface RuleInputs {
  rules: Rule[];
  /** Digest of the rule files, recorded in the report. */
  digest: string;
  exceptions: LoadedException[];
}

/** Rule files and folders given, or the default ones of `cwd` (./rules, else the bundled pack). */
export function rulePathsOrDefault(rulesPaths: readonly string[], cwd: string): string[] {
  return rulesPaths.length > 0 ? [...rulesPaths] : defaultRulePaths(cwd);
}

/** Loads --exceptions (or ./exceptions.yaml when it exists in `cwd`) and checks its rule ids against the loaded rules. */
export async function loadExceptionsFor(
  path: string | undefined,
  ruleIds: string[],
  cwd: string,
): Promise<LoadedException[]> {
  const file = path ?? (existsSync(join(cwd, DEFAULT_EXCEPTIONS)) ? DEFAULT_EXCEPTIONS : undefined);
  if (!file) return [];
  const exceptions = await loadExceptions(file);
  const errors = validateExceptionRuleIds(exceptions, ruleIds);
  if (errors.length > 0) throw new InputErrors(errors);
  return exceptions;
}

/** Loads and validates the rules, then the exceptions against them: input errors are thrown before any other work. */
export async function loadRuleInputs(opts: {
  rulesPaths: readonly string[];
  exceptionsPath?: string;
  cwd: string;
}): Promise<RuleInputs> {
  const { rules, digest } = await loadRules(rulePathsOrDefault(opts.rulesPaths, opts.cwd));
  const exceptions = await loadExceptionsFor(
    opts.exceptionsPath,
    rules.map((r) => r.id),
    opts.cwd,
  );
  return { rules, digest, exceptions };
}
