import type { TObject, TProperties } from '@sinclair/typebox';
import { validatorFor } from '../validator.js';
import type { ActionKind, Issue, ResourceType, Reversibility } from './terms.js';

/**
 * A remediation action's metadata: what a rule file may write after `remediation.action`, what it
 * touches and what it needs. Its AWS calls live in src/remediate/actions/ under the same name.
 */
export interface ActionDefinition<P extends TProperties = TProperties> {
  name: string;
  /** One line: what the action does (plan output and docs title). */
  title: string;
  /** Markdown: what it changes, what it never touches, how undo works (docs page body). */
  description: string;
  kind: ActionKind;
  /** Can break consumers or lose data (changes to sharing, disable, deregister). */
  destructive: boolean;
  reversible: Reversibility;
  resourceTypes: readonly ResourceType[];
  /** The `remediation.params` a rule may give. */
  params: TObject<P>;
  /** Checks what the schema cannot say about the params. */
  validate?(params: Record<string, unknown>, issue: Issue): void;
  iam: {
    /** Every IAM action apply may need. */
    apply: readonly string[];
    undo: readonly string[];
  };
}

/** Declares an action (an identity function that keeps the parameter types). */
export function defineAction<P extends TProperties>(def: ActionDefinition<P>): ActionDefinition<P> {
  return def;
}

/**
 * What is wrong with an action's params (they may come from a findings file, which anyone can edit):
 * schema violations and the action's own rules, one line each; empty when they can be used.
 */
export function actionParamProblems(def: ActionDefinition, params: unknown): string[] {
  const validate = validatorFor(def.params);
  if (!validate(params)) {
    return (validate.errors ?? []).map((e) => {
      const at = e.instancePath ? `${e.instancePath.slice(1).replaceAll('/', '.')} ` : '';
      return `${def.name}: ${at}${e.message ?? 'is not valid'}`;
    });
  }
  const problems: string[] = [];
  def.validate?.(params as Record<string, unknown>, (message) => problems.push(message));
  return problems;
}
