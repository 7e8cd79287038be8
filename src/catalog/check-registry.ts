import { type Static, Type as T, type TObject } from '@sinclair/typebox';
import type { Collector as CollectorName } from '../inventory/schema.js';
import type { CheckContext, CheckModule, CheckRunner } from './check.js';
import { age } from './checks/age.js';
import { match } from './checks/match.js';
import { naming } from './checks/naming.js';
import { publicSharing } from './checks/public-sharing.js';
import { retention } from './checks/retention.js';
import { unused } from './checks/unused.js';

/** Every check type a rule file may name, in the order the schema and the docs list them. */
export const CHECKS = {
  naming,
  age,
  unused,
  retention,
  'public-sharing': publicSharing,
  match,
} as const;

export type CheckType = keyof typeof CHECKS;

/** The check type names, in registry order. */
export const CHECK_TYPES = Object.keys(CHECKS) as CheckType[];

/** A rule's `check` of one type: `type` plus that module's parameters. */
export type CheckOf<K extends CheckType> = { type: K } & Static<(typeof CHECKS)[K]['params']>;

/** A rule's `check`, any type. */
export type Check = { [K in CheckType]: CheckOf<K> }[CheckType];

/** Looks a check module up by type name (names come from rule files, so they are checked). */
export function checkModule(type: string): CheckModule | undefined {
  return Object.hasOwn(CHECKS, type) ? (CHECKS[type as CheckType] as unknown as CheckModule) : undefined;
}

/** The JSON Schema of a rule's `check` of this type: `type` plus the module's parameters, nothing else. */
export function checkSchema(mod: CheckModule): TObject {
  return T.Object({ type: T.Literal(mod.type), ...mod.params.properties }, { additionalProperties: false });
}

/** Region-level collectors a check needs besides the images listing. */
export function checkCollectors(check: Check): readonly CollectorName[] {
  return (CHECKS[check.type] as unknown as CheckModule).collectors(check);
}

/** Compiles a rule's check into a runner (throws on an unknown type or a bad parameter such as an invalid regex). */
export function createRunner(check: Check, ctx: CheckContext): CheckRunner {
  const mod = checkModule(check.type);
  if (!mod) throw new Error(`unknown check type ${JSON.stringify((check as { type: unknown }).type)}`);
  return mod.create(check, ctx);
}
