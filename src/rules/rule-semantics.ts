import { actionDefinition, actionFits, REMEDIATION_ACTIONS } from '../catalog/action-registry.js';
import { checkModule } from '../catalog/check-registry.js';
import type { Issue } from '../catalog/terms.js';
import { InputError, quote } from '../errors.js';
import { isObj } from './plain-object.js';
import { locate, type PathSegment, type YamlSource } from './yaml-source.js';

/** An Issue callback that records located InputErrors for paths under `base`. */
function issuesAt(src: YamlSource, base: PathSegment[], errors: InputError[]): Issue {
  return (message, path, opts) => errors.push(new InputError(message, locate(src, [...base, ...path], opts)));
}

/**
 * Checks a rule beyond its JSON Schema, with what the catalog declares: the check's own validation
 * (regexes compile, retention groups have a family, match conditions carry the value their op needs), the
 * action's parameter rules, and whether the remediation action fits the check. Works on raw data: parts
 * with the wrong shape were already reported by the schema and are skipped.
 */
export function ruleSemanticErrors(src: YamlSource, index: number, rule: unknown): InputError[] {
  const errors: InputError[] = [];
  if (!isObj(rule) || !isObj(rule.check)) return errors;
  const base: PathSegment[] = ['rules', index];
  const check = rule.check;
  const mod = typeof check.type === 'string' ? checkModule(check.type) : undefined;
  mod?.validate?.(check, issuesAt(src, [...base, 'check'], errors));

  const remediation = rule.remediation;
  if (!isObj(remediation) || typeof remediation.action !== 'string') return errors;
  const action = actionDefinition(remediation.action);
  if (action && isObj(remediation.params)) {
    action.validate?.(remediation.params, issuesAt(src, [...base, 'remediation', 'params'], errors));
  }
  if (action && mod && !actionFits(action, mod.remediation)) {
    const usable = REMEDIATION_ACTIONS.filter((name) => {
      const a = actionDefinition(name);
      return a !== undefined && actionFits(a, mod.remediation);
    });
    errors.push(
      new InputError(
        `remediation action ${quote(remediation.action)} does not apply to check type ${mod.type} (use one of: ${usable.join(', ')})`,
        locate(src, [...base, 'remediation', 'action']),
      ),
    );
  }
  return errors;
}
