import { type Static, Type as T } from '@sinclair/typebox';
import { SEVERITIES } from './severity.js';

/** findings.json schema version (contract: bump on incompatible change, note it in CHANGELOG.md). */
export const FINDINGS_SCHEMA_VERSION = '1';

const Opt = T.Optional;
const SeverityT = T.Union(SEVERITIES.map((s) => T.Literal(s)));

export const Resource = T.Object(
  {
    type: T.Union([T.Literal('ec2:image'), T.Literal('ec2:snapshot'), T.Literal('account-region')]),
    id: T.String(),
    arn: T.String(),
    account: T.String(),
    region: T.String(),
    name: Opt(T.String()),
    tags: Opt(T.Record(T.String(), T.String())),
  },
  { additionalProperties: false },
);

export const Remediation = T.Object(
  { action: T.String(), params: Opt(T.Record(T.String(), T.Unknown())) },
  { additionalProperties: false },
);

export const ExceptionRef = T.Object(
  { reason: T.String(), owner: T.String(), expires: T.String() },
  { additionalProperties: false },
);

export const Finding = T.Object(
  {
    id: T.String({ description: 'stable fingerprint of ruleId + account + region + resource id' }),
    ruleId: T.String(),
    severity: SeverityT,
    status: T.Union([T.Literal('open'), T.Literal('suppressed'), T.Literal('inconclusive')]),
    baseline: Opt(T.Union([T.Literal('new'), T.Literal('unchanged')])),
    resource: Resource,
    message: T.String(),
    evidence: T.Record(T.String(), T.Unknown()),
    remediation: Opt(Remediation),
    exception: Opt(ExceptionRef),
    estimatedMonthlyCostUsd: Opt(T.Number({ description: 'snapshot storage of the resource, USD/month' })),
  },
  { additionalProperties: false },
);

export const Gap = T.Object(
  { account: T.String(), region: T.String(), collector: T.String(), error: T.String() },
  { additionalProperties: false },
);

export const PassedResource = T.Object(
  { account: T.String(), region: T.String(), id: T.String() },
  { additionalProperties: false },
);

export const RuleSummary = T.Object(
  {
    ruleId: T.String(),
    title: Opt(T.String()),
    severity: Opt(SeverityT),
    evaluated: T.Integer(),
    open: T.Integer(),
    suppressed: T.Integer(),
    inconclusive: T.Integer(),
  },
  { additionalProperties: false },
);

export const RuleMeta = T.Object(
  {
    id: T.String(),
    title: T.String(),
    description: Opt(T.String()),
    severity: SeverityT,
    type: T.String(),
    file: T.String(),
    line: T.Integer(),
    references: Opt(T.Array(T.String())),
    remediation: Opt(Remediation),
  },
  { additionalProperties: false },
);

export const ExceptionStatus = T.Object(
  {
    rules: T.Array(T.String()),
    reason: T.String(),
    owner: T.String(),
    expires: T.String(),
    file: Opt(T.String()),
    line: Opt(T.Integer()),
  },
  { additionalProperties: false },
);

export const Report = T.Object(
  {
    schemaVersion: T.Literal(FINDINGS_SCHEMA_VERSION),
    tool: T.Object({ name: T.Literal('amiaudit'), version: T.String() }, { additionalProperties: false }),
    run: T.Object(
      {
        id: T.String(),
        startedAt: T.String(),
        finishedAt: T.String(),
        now: T.String(),
        rulesDigest: T.String(),
      },
      { additionalProperties: false },
    ),
    coverage: T.Object(
      {
        complete: T.Boolean(),
        accounts: T.Object(
          { requested: T.Integer(), scanned: T.Integer(), failed: T.Integer() },
          { additionalProperties: false },
        ),
        regions: T.Array(T.String()),
        accountIds: Opt(
          T.Array(T.String(), { description: 'ids of the accounts in scope (scanned or failed), sorted' }),
        ),
        gaps: T.Array(Gap),
      },
      { additionalProperties: false },
    ),
    summary: T.Object(
      {
        resourcesEvaluated: T.Integer(),
        open: T.Integer(),
        suppressed: T.Integer(),
        inconclusive: T.Integer(),
        bySeverity: T.Record(T.String(), T.Integer()),
        byRule: T.Array(RuleSummary),
        estimatedMonthlyCostUsd: T.Number(),
      },
      { additionalProperties: false },
    ),
    rules: Opt(T.Array(RuleMeta, { description: 'metadata of the rules evaluated, for formatters' })),
    exceptions: Opt(
      T.Object(
        { expired: T.Array(ExceptionStatus), stale: T.Array(ExceptionStatus) },
        { additionalProperties: false },
      ),
    ),
    findings: T.Array(Finding),
    resolved: Opt(T.Array(Finding)),
    passed: Opt(
      T.Record(T.String(), T.Array(PassedResource), {
        description: 'ruleId → resources evaluated without a finding; only when asked for (JUnit passes)',
      }),
    ),
  },
  { additionalProperties: false },
);

export type Resource = Static<typeof Resource>;
export type Finding = Static<typeof Finding>;
export type FindingStatus = Finding['status'];
export type Gap = Static<typeof Gap>;
export type RuleSummary = Static<typeof RuleSummary>;
export type PassedResource = Static<typeof PassedResource>;
export type RuleMeta = Static<typeof RuleMeta>;
export type ExceptionStatus = Static<typeof ExceptionStatus>;
export type Report = Static<typeof Report>;
