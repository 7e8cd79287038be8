import type { Finding, Report } from '../../src/findings/model.js';
import { MGMT, REGION } from '../support/organization.js';

/** The resource of a finding on image `imageId` of `account` in `region`. */
export function imageResource(
  imageId: string,
  account: string,
  name: string,
  region = REGION,
): Finding['resource'] {
  return {
    type: 'ec2:image',
    id: imageId,
    arn: `arn:aws:ec2:${region}:${account}:image/${imageId}`,
    account,
    region,
    name,
  };
}

/** A finding on an image of MGMT; fields overridable. */
export function imageFinding(over: Partial<Finding> & { imageId?: string } = {}): Finding {
  const { imageId = 'ami-00000000000000001', ...rest } = over;
  return {
    id: `f-${imageId}-${rest.ruleId ?? 'r'}`,
    ruleId: 'unused-amis',
    severity: 'medium',
    status: 'open',
    resource: imageResource(imageId, MGMT, `app-${imageId.slice(-4)}`),
    message: 'test finding',
    evidence: {},
    remediation: { action: 'tag', params: {} },
    ...rest,
  };
}

/** A findings report around the given findings. */
export function report(findings: Finding[], runId = 'run-1'): Report {
  return {
    schemaVersion: '1',
    tool: { name: 'amiaudit', version: '0.0.0' },
    run: {
      id: runId,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      now: '2026-01-01T00:00:00.000Z',
      rulesDigest: 'sha256:0',
    },
    coverage: {
      complete: true,
      accounts: { requested: 1, scanned: 1, failed: 0 },
      regions: [REGION],
      gaps: [],
    },
    summary: {
      resourcesEvaluated: findings.length,
      open: findings.filter((f) => f.status === 'open').length,
      suppressed: 0,
      inconclusive: 0,
      bySeverity: {},
      byRule: [],
      estimatedMonthlyCostUsd: 0,
    },
    findings,
  };
}
