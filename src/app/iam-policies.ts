import { ACTION_DEFINITIONS, REMEDIATION_ACTIONS } from '../catalog/action-registry.js';
import {
  ACCOUNT_STEP_IAM_ACTIONS,
  CALLER_IAM_ACTIONS,
  ORGANIZATION_DISCOVERY_IAM_ACTIONS,
  readOnlyIamActions,
} from '../collect/iam.js';
import { REGION_COLLECTORS } from '../collect/plan.js';
import { SAFETY_IAM_ACTIONS } from '../remediate/safety.js';

/** An IAM policy document. */
export interface IamPolicy {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[];
}

function policy(statements: [sid: string, actions: readonly string[]][]): IamPolicy {
  return {
    Version: '2012-10-17',
    Statement: statements.map(([Sid, actions]) => ({
      Sid,
      Effect: 'Allow',
      Action: [...new Set(actions)],
      Resource: '*',
    })),
  };
}

/** The read-only audit role of every account: what every collector reads (all of them, so any rule pack works). */
export function readOnlyPolicy(): IamPolicy {
  return policy([['AmiAuditRead', readOnlyIamActions(REGION_COLLECTORS)]]);
}

/**
 * The identity that runs amiaudit: assuming the audit role, learning its own account, and discovering the
 * organization (--org, --ou; from the management account or a delegated administrator).
 */
export function scannerPolicy(): IamPolicy {
  return policy([
    ['AmiAuditAssumeRole', [...ACCOUNT_STEP_IAM_ACTIONS['assume-role'], ...CALLER_IAM_ACTIONS]],
    ['AmiAuditOrganization', ORGANIZATION_DISCOVERY_IAM_ACTIONS],
  ]);
}

/**
 * Remediation, apart from the audit role: every action's apply and undo calls, the live re-checks, and
 * the reads of the live re-evaluation (it collects again what the steps' rules need).
 */
export function remediationPolicy(): IamPolicy {
  const defs = REMEDIATION_ACTIONS.map((name) => ACTION_DEFINITIONS[name]);
  return policy([
    ['AmiAuditRemediate', defs.flatMap((d) => [...d.iam.apply, ...d.iam.undo])],
    [
      'AmiAuditRemediateRechecks',
      [
        ...SAFETY_IAM_ACTIONS,
        ...readOnlyIamActions(REGION_COLLECTORS),
        ...ACCOUNT_STEP_IAM_ACTIONS['assume-role'],
      ],
    ],
  ]);
}

/** A policy as the docs show it: pretty JSON in a fenced block. */
export function policyMarkdown(p: IamPolicy): string {
  return `\`\`\`json\n${JSON.stringify(p, null, 2)}\n\`\`\``;
}

/** The docs page that carries the generated policies, and the marker name of each. */
export const IAM_POLICIES_PAGE = 'docs/reference/iam-policies.md';
const POLICIES: Record<string, () => IamPolicy> = {
  'read-only policy': readOnlyPolicy,
  'scanner policy': scannerPolicy,
  'remediation policy': remediationPolicy,
};

/**
 * The page with each `<!-- generated: NAME -->` … `<!-- end generated -->` region replaced by the current
 * policy of that name; throws when a region is missing, so the page cannot silently lose one.
 */
export function fillPolicies(page: string): string {
  let out = page;
  for (const [name, make] of Object.entries(POLICIES)) {
    const start = `<!-- generated: ${name} -->\n`;
    const i = out.indexOf(start);
    const j = i < 0 ? -1 : out.indexOf('<!-- end generated -->', i);
    if (i < 0 || j < 0)
      throw new Error(`${IAM_POLICIES_PAGE}: no "${start.trim()}" … "<!-- end generated -->" region`);
    out = `${out.slice(0, i + start.length)}${policyMarkdown(make())}\n${out.slice(j)}`;
  }
  return out;
}
