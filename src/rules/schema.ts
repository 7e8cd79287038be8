import { type Static, Type as T } from '@sinclair/typebox';
import { REMEDIATION_ACTIONS, type RemediationAction } from '../catalog/action-registry.js';
import type { CheckModule } from '../catalog/check.js';
import { CHECKS, type Check, checkSchema } from '../catalog/check-registry.js';
import { SEVERITIES } from '../findings/severity.js';

const Opt = T.Optional;
const Strict = { additionalProperties: false } as const;

const StringOrList = T.Union([T.String(), T.Array(T.String(), { minItems: 1 })]);

/** Selector used by `scope`, `exclude` and exception `match`: every key given must match (AND). */
export const Selector = T.Object(
  {
    accounts: Opt(T.Array(T.String({ pattern: '^[0-9]{12}$' }), { description: 'account ids' })),
    ous: Opt(T.Array(T.String({ minLength: 1 }), { description: 'OU or root ids; nested OUs included' })),
    regions: Opt(T.Array(T.String({ minLength: 1 }), { description: 'region globs' })),
    names: Opt(T.Array(T.String(), { description: 'globs on the AMI name' })),
    tags: Opt(
      T.Record(T.String(), StringOrList, {
        description: 'tag key → value, any-of list, or "*" (present with any value)',
      }),
    ),
  },
  Strict,
);

export const ExceptionMatch = T.Object(
  {
    ...Selector.properties,
    imageIds: Opt(T.Array(T.String({ minLength: 1 }), { description: 'ami-… ids (or snapshot ids)' })),
  },
  Strict,
);

/** The rule's `check`: one schema per check type of the catalog, told apart by `type`. */
export const CheckSchema = T.Union(
  Object.values(CHECKS).map((mod) => checkSchema(mod as unknown as CheckModule)),
);

export const RemediationSpec = T.Object(
  {
    action: T.Union(REMEDIATION_ACTIONS.map((a) => T.Literal(a))),
    params: Opt(T.Record(T.String(), T.Unknown())),
  },
  Strict,
);

export const Rule = T.Object(
  {
    id: T.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'kebab-case, unique across files' }),
    title: T.String({ minLength: 1 }),
    description: Opt(T.String()),
    severity: T.Union(SEVERITIES.map((s) => T.Literal(s))),
    check: CheckSchema,
    scope: Opt(Selector),
    exclude: Opt(Selector),
    remediation: Opt(RemediationSpec),
    references: Opt(T.Array(T.String())),
  },
  Strict,
);

export const RuleFile = T.Object({ rules: T.Array(Rule) }, { ...Strict, $id: 'amiaudit-rules' });

export const ExceptionEntry = T.Object(
  {
    rules: T.Array(T.String({ minLength: 1 }), { minItems: 1, description: 'rule ids, or ["*"]' }),
    match: Opt(ExceptionMatch),
    reason: T.String({ minLength: 1 }),
    owner: T.String({ minLength: 1 }),
    expires: T.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO date' }),
  },
  Strict,
);

export const ExceptionsFile = T.Object({ exceptions: T.Array(ExceptionEntry) }, Strict);

export type Selector = Static<typeof Selector>;
export type ExceptionMatch = Static<typeof ExceptionMatch>;
export type RemediationSpec = { action: RemediationAction; params?: Record<string, unknown> };
export type ExceptionEntry = Static<typeof ExceptionEntry>;

/** A rule as loaded: the YAML content plus where it came from (for SARIF locations and error messages). */
export type Rule = Omit<Static<typeof Rule>, 'check' | 'remediation'> & {
  check: Check;
  remediation?: RemediationSpec;
  source: { file: string; line: number };
};

/** An exception as loaded, with its source location. */
export type LoadedException = ExceptionEntry & { source: { file: string; line: number } };

/** A rule's `check` (its types come from the catalog). */
export type { Check };
