import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputErrors, type SourceLocation } from '../errors.js';
import { type RuleRef, unknownRuleRefs, validateExceptionSource } from '../rules/exceptions.js';
import { expandYamlPaths, sortErrors } from '../rules/files.js';
import { defaultRulePaths, loadRules, validateRuleSource } from '../rules/load.js';
import type { LoadedException, Rule } from '../rules/schema.js';
import { readYamlSource, type YamlSource } from '../rules/yaml-source.js';
import { DEFAULT_EXCEPTIONS } from './defaults.js';

/** What `rules validate` found valid (any error is thrown as InputErrors, every one with its location). */
export interface ValidateOutcome {
  /** The rule paths validated (the given ones, or the defaults). */
  paths: string[];
  rules: Rule[];
  ruleFiles: number;
  exceptions: LoadedException[];
  exceptionFiles: number;
}

function isExceptionsFile(src: YamlSource): boolean {
  const d = src.data;
  return typeof d === 'object' && d !== null && !Array.isArray(d) && 'exceptions' in d && !('rules' in d);
}

/**
 * Validates rule files and folders (default: the rules of `cwd`) and exceptions files (found by their
 * top-level "exceptions" key, or given as `exceptionsPath`; by default ./exceptions.yaml when it exists).
 */
export async function validateRuleFiles(
  opts: { paths: string[]; exceptionsPath?: string },
  cwd: string,
): Promise<ValidateOutcome> {
  const given = opts.paths;
  const paths = given.length > 0 ? given : defaultRulePaths(cwd);
  let exceptionsPath = opts.exceptionsPath;
  if (given.length === 0 && exceptionsPath === undefined && existsSync(join(cwd, DEFAULT_EXCEPTIONS)))
    exceptionsPath = DEFAULT_EXCEPTIONS;

  const { files, errors } = await expandYamlPaths(exceptionsPath ? [...paths, exceptionsPath] : paths);
  const ids = new Map<string, SourceLocation>();
  const rules: Rule[] = [];
  const exceptions: LoadedException[] = [];
  const refs: RuleRef[] = [];
  let ruleFiles = 0;
  let exceptionFiles = 0;
  for (const file of files) {
    const read = await readYamlSource(file);
    errors.push(...read.errors);
    if (!read.source) continue;
    if (isExceptionsFile(read.source) || file === exceptionsPath) {
      exceptionFiles++;
      const result = validateExceptionSource(read.source);
      exceptions.push(...result.exceptions);
      refs.push(...result.refs);
      errors.push(...result.errors);
    } else {
      ruleFiles++;
      const result = validateRuleSource(read.source, ids);
      rules.push(...result.rules);
      errors.push(...result.errors);
    }
  }
  // Exception rule ids are checked against the rules given, or the default rules when only
  // exception files were given (the rules an evaluation would load).
  if (ruleFiles > 0) errors.push(...unknownRuleRefs(refs, ids.keys()));
  else if (refs.length > 0 && errors.length === 0) {
    const { rules: defaults } = await loadRules(defaultRulePaths(cwd));
    errors.push(
      ...unknownRuleRefs(
        refs,
        defaults.map((r) => r.id),
      ),
    );
  }
  if (errors.length > 0) throw new InputErrors(sortErrors(errors, files));
  return { paths, rules, ruleFiles, exceptions, exceptionFiles };
}
