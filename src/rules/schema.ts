import { type Static, Type as T } from '@sinclair/typebox';
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

export const NamingCheck = T.Object(
  {
    type: T.Literal('naming'),
    namePattern: Opt(T.String({ minLength: 1, description: 'regex the AMI name must match' })),
    requiredTags: Opt(
      T.Record(T.String(), T.Union([T.String(), T.Null()]), {
        description: 'tag key → regex for its value, or null for any non-empty value',
      }),
    ),
    descriptionRequired: Opt(T.Boolean()),
  },
  Strict,
);

export const AgeCheck = T.Object(
  {
    type: T.Literal('age'),
    maxDays: T.Integer({ minimum: 1 }),
    basis: Opt(T.Union([T.Literal('creation'), T.Literal('source')])),
  },
  Strict,
);

export const UnusedCheck = T.Object(
  {
    type: T.Literal('unused'),
    days: Opt(T.Integer({ minimum: 1, default: 90 })),
    minAgeDays: Opt(T.Integer({ minimum: 0 })),
  },
  Strict,
);

export const RetentionCheck = T.Object(
  {
    type: T.Literal('retention'),
    groupBy: T.Union([
      T.Object({ tag: T.String({ minLength: 1 }) }, Strict),
      T.Object(
        { namePattern: T.String({ minLength: 1, description: 'regex with a (?<family>…) group' }) },
        Strict,
      ),
    ]),
    keepLatest: T.Integer({ minimum: 1 }),
    olderThanDays: Opt(T.Integer({ minimum: 0 })),
    holdTag: Opt(T.String({ minLength: 1 })),
  },
  Strict,
);

export const PublicSharingCheck = T.Object(
  {
    type: T.Literal('public-sharing'),
    allowPublic: Opt(T.Boolean()),
    trustedAccounts: Opt(T.Array(T.String({ pattern: '^([0-9]{12}|organization)$' }))),
    trustedOrganizations: Opt(T.Array(T.String({ pattern: '^(o-[a-z0-9]{10,32}|self)$' }))),
    trustedOUs: Opt(T.Array(T.String({ pattern: '^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$' }))),
    checkSharing: Opt(
      T.Boolean({
        description: 'check account/org/OU launch permissions against the trusted lists (default true)',
      }),
    ),
    checkSnapshots: Opt(T.Boolean()),
    requireBlockPublicAccess: Opt(T.Boolean()),
  },
  Strict,
);

export const MATCH_OPS = [
  'eq',
  'ne',
  'in',
  'not-in',
  'glob',
  'regex',
  'exists',
  'absent',
  'lt',
  'gt',
  'older-than-days',
  'newer-than-days',
] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export const MatchCondition = T.Object(
  {
    key: T.String({ minLength: 1, description: 'dotted path into the image record; `*` iterates arrays' }),
    op: T.Union(MATCH_OPS.map((o) => T.Literal(o))),
    value: Opt(T.Union([T.String(), T.Number(), T.Boolean(), T.Array(T.Union([T.String(), T.Number()]))])),
  },
  Strict,
);

export const MatchCheck = T.Object(
  { type: T.Literal('match'), when: T.Array(MatchCondition, { minItems: 1 }) },
  Strict,
);

export const CHECK_TYPES = ['naming', 'age', 'unused', 'retention', 'public-sharing', 'match'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** Check parameter schema per type (the loader picks one by `type` so errors stay specific). */
export const CHECK_SCHEMAS = {
  naming: NamingCheck,
  age: AgeCheck,
  unused: UnusedCheck,
  retention: RetentionCheck,
  'public-sharing': PublicSharingCheck,
  match: MatchCheck,
} as const;

export const REMEDIATION_ACTIONS = [
  'make-private',
  'remove-launch-permissions',
  'deprecate',
  'disable',
  'deregister',
  'enable-block-public-access',
  'tag',
] as const;
export type RemediationAction = (typeof REMEDIATION_ACTIONS)[number];

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
    check: T.Union([NamingCheck, AgeCheck, UnusedCheck, RetentionCheck, PublicSharingCheck, MatchCheck]),
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
export type NamingCheck = Static<typeof NamingCheck>;
export type AgeCheck = Static<typeof AgeCheck>;
export type UnusedCheck = Static<typeof UnusedCheck>;
export type RetentionCheck = Static<typeof RetentionCheck>;
export type PublicSharingCheck = Static<typeof PublicSharingCheck>;
export type MatchCondition = Static<typeof MatchCondition>;
export type MatchCheck = Static<typeof MatchCheck>;
export type Check = Static<typeof Rule>['check'];
export type RemediationSpec = Static<typeof RemediationSpec>;
export type ExceptionEntry = Static<typeof ExceptionEntry>;

/** A rule as loaded: the YAML content plus where it came from (for SARIF locations and error messages). */
export type Rule = Static<typeof Rule> & { source: { file: string; line: number } };

/** An exception as loaded, with its source location. */
export type LoadedException = ExceptionEntry & { source: { file: string; line: number } };

/**
 * Parameters each remediation action accepts (strict: a misspelt parameter is a rule-file error).
 * The remediation executor reads the same names.
 */
export const REMEDIATION_PARAMS = {
  'make-private': T.Object({}, Strict),
  'remove-launch-permissions': T.Object({}, Strict),
  deprecate: T.Object(
    {
      inDays: Opt(
        T.Integer({
          minimum: 0,
          maximum: 3650,
          description: 'deprecate this many days after the run (default 0: now)',
        }),
      ),
      at: Opt(
        T.String({ minLength: 1, description: 'deprecate at this ISO 8601 time instead (not with inDays)' }),
      ),
    },
    Strict,
  ),
  disable: T.Object({}, Strict),
  deregister: T.Object(
    { deleteSnapshots: Opt(T.Boolean({ description: 'also delete the backing snapshots (default false)' })) },
    Strict,
  ),
  'enable-block-public-access': T.Object({}, Strict),
  tag: T.Object(
    {
      tags: Opt(
        T.Record(T.String(), T.String({ maxLength: 256 }), {
          minProperties: 1,
          maxProperties: 40,
          description:
            'tags to set (default amiaudit:review: "{ruleId}"); {ruleId}, {findingId}, {date} expand',
        }),
      ),
    },
    Strict,
  ),
} as const satisfies Record<RemediationAction, unknown>;

/** Check types whose findings each remediation action can fix (an action on the wrong resource is an error). */
export const REMEDIATION_CHECK_TYPES: Record<RemediationAction, readonly CheckType[]> = {
  'make-private': ['public-sharing', 'match'],
  'remove-launch-permissions': ['public-sharing', 'match'],
  'enable-block-public-access': ['public-sharing'],
  deprecate: ['naming', 'age', 'unused', 'retention', 'match'],
  disable: ['naming', 'age', 'unused', 'retention', 'match'],
  deregister: ['age', 'unused', 'retention', 'match'],
  tag: ['naming', 'age', 'unused', 'retention', 'public-sharing', 'match'],
};
