import type { Finding, Resource } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';
import { severityRank } from '../findings/severity.js';
import type { Rule } from '../rules/schema.js';
import { cmp } from './coverage.js';

type Remediation = NonNullable<Finding['remediation']>;

/**
 * A finding built by one constructor: V8 then reserves in-object room for every field, where optional keys
 * added to a literal would each cost an extra property store. Keys are assigned in the schema's order and
 * absent optional keys are left out, so the JSON is the same as for a plain object.
 */
export class FindingObject implements Finding {
  declare id: string;
  declare ruleId: string;
  declare severity: Severity;
  declare status: Finding['status'];
  declare resource: Resource;
  declare message: string;
  declare evidence: Record<string, unknown>;
  declare remediation?: Remediation;
  declare exception?: Finding['exception'];
  declare estimatedMonthlyCostUsd?: number;

  constructor(
    id: string,
    rule: Rule,
    status: Finding['status'],
    resource: Resource,
    message: string,
    evidence: Record<string, unknown>,
    remediation: Remediation | undefined,
    exception: Finding['exception'],
    usd: number | undefined,
  ) {
    this.id = id;
    this.ruleId = rule.id;
    this.severity = rule.severity;
    this.status = status;
    this.resource = resource;
    this.message = message;
    this.evidence = evidence;
    if (remediation !== undefined) this.remediation = remediation;
    if (exception !== undefined) this.exception = exception;
    if (usd !== undefined) this.estimatedMonthlyCostUsd = usd;
  }
}

/** Report order: severity (critical first), rule id, account, region, resource id; then type and id as tie-breaks. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource.account, b.resource.account) ||
    cmp(a.resource.region, b.resource.region) ||
    cmp(a.resource.id, b.resource.id) ||
    cmp(a.resource.type, b.resource.type) ||
    cmp(a.id, b.id)
  );
}
