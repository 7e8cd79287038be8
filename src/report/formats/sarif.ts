import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { Finding, Report, RuleMeta, Severity } from '../model.js';
import { rulesById } from '../order.js';
import { SEVERITY_STYLE } from '../severity.js';
import type { RenderOptions } from './options.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** Repo-relative forward-slash URI of a rule file. */
function ruleUri(file: string, rootDir: string | undefined): string {
  const rel = rootDir && isAbsolute(file) ? relative(rootDir, file) : file;
  return rel.split('\\').join('/');
}

/** The code scanning category: stable for the same set of accounts, whatever their findings. */
export function sarifCategory(report: Report): string {
  const accounts = report.coverage.accountIds ?? [
    ...new Set([
      ...report.findings.map((f) => f.resource.account),
      ...report.coverage.gaps.map((g) => g.account),
    ]),
  ];
  const digest = createHash('sha256')
    .update([...accounts].sort().join(','))
    .digest('hex')
    .slice(0, 12);
  return `amiaudit/${digest}/`;
}

function ruleHelpMarkdown(meta: RuleMeta | undefined, ruleId: string, severity: Severity): string {
  const lines = [`**${meta?.title ?? ruleId}** (severity: ${severity})`];
  if (meta?.description) lines.push('', meta.description);
  if (meta?.remediation) {
    const params = meta.remediation.params ? ` with \`${JSON.stringify(meta.remediation.params)}\`` : '';
    lines.push(
      '',
      `**Remediation:** \`amiaudit remediate\` action \`${meta.remediation.action}\`${params} (dry-run by default).`,
    );
  }
  if (meta?.references?.length) lines.push('', '**References:**', ...meta.references.map((r) => `- ${r}`));
  return lines.join('\n');
}

function ruleHelpText(meta: RuleMeta | undefined, ruleId: string): string {
  const parts = [meta?.title ?? ruleId];
  if (meta?.description) parts.push(meta.description);
  if (meta?.remediation) parts.push(`Remediation: amiaudit remediate action ${meta.remediation.action}.`);
  if (meta?.references?.length) parts.push(`References: ${meta.references.join('; ')}`);
  return parts.join('\n\n');
}

function suppression(f: Finding): Record<string, unknown>[] | undefined {
  if (f.status !== 'suppressed') return undefined;
  const e = f.exception;
  const justification = e
    ? `${e.reason} (owner: ${e.owner}, expires: ${e.expires})`
    : 'suppressed by an exception';
  return [{ kind: 'external', status: 'accepted', justification }];
}

/**
 * Renders SARIF 2.1.0 for GitHub code scanning. The physical location is the rule file (it exists in the
 * repo and is stable); the cloud resource is the logical location. Open and suppressed findings keep the
 * rule's level (suppressed ones carry `suppressions`); inconclusive ones are `kind: "review"` with level
 * `none` (SARIF requires `none` for non-fail kinds), so "could not check" is visible but not a violation.
 * Resolved findings are left out, which is what makes code scanning close their alerts.
 */
export function renderSarif(report: Report, options: RenderOptions = {}): string {
  const metas = rulesById(report);
  const ruleIds = [
    ...new Set([...(report.rules ?? []).map((r) => r.id), ...report.findings.map((f) => f.ruleId)]),
  ];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const severityOf = (id: string): Severity =>
    metas.get(id)?.severity ?? report.findings.find((f) => f.ruleId === id)?.severity ?? 'info';

  const rules = ruleIds.map((id) => {
    const meta = metas.get(id);
    const severity = severityOf(id);
    const style = SEVERITY_STYLE[severity];
    return {
      id,
      name: pascal(id),
      shortDescription: { text: meta?.title ?? id },
      fullDescription: { text: meta?.description ?? meta?.title ?? id },
      help: { text: ruleHelpText(meta, id), markdown: ruleHelpMarkdown(meta, id, severity) },
      defaultConfiguration: { level: style.sarifLevel },
      properties: {
        tags: ['security', 'aws', 'ami', ...(meta ? [`amiaudit/${meta.type}`] : []), `severity/${severity}`],
        'security-severity': style.securitySeverity,
        precision: 'high',
      },
    };
  });

  const results = report.findings.map((f) => {
    const meta = metas.get(f.ruleId);
    const inconclusive = f.status === 'inconclusive';
    const r = f.resource;
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      ...(inconclusive
        ? { kind: 'review', level: 'none' }
        : { level: SEVERITY_STYLE[f.severity].sarifLevel }),
      message: { text: inconclusive ? `Inconclusive: ${f.message}` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: meta ? ruleUri(meta.file, options.rootDir) : 'rules' },
            region: { startLine: meta?.line ?? 1, startColumn: 1 },
          },
          logicalLocations: [{ name: r.id, kind: 'resource', fullyQualifiedName: r.arn }],
        },
      ],
      partialFingerprints: { primaryLocationLineHash: f.id },
      ...(f.baseline ? { baselineState: f.baseline } : {}),
      ...(f.status === 'suppressed' ? { suppressions: suppression(f) } : {}),
      properties: {
        status: f.status,
        severity: f.severity,
        accountId: r.account,
        region: r.region,
        resourceType: r.type,
        resourceId: r.id,
        ...(r.name !== undefined ? { resourceName: r.name } : {}),
        ...(f.estimatedMonthlyCostUsd !== undefined
          ? { estimatedMonthlyCostUsd: f.estimatedMonthlyCostUsd }
          : {}),
      },
    };
  });

  const notifications = report.coverage.gaps.map((g) => ({
    level: 'error',
    message: { text: `Coverage gap: ${g.account} ${g.region} ${g.collector}: ${g.error}` },
    descriptor: { id: `coverage/${g.collector}` },
  }));

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'amiaudit',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        automationDetails: { id: options.sarifCategory ?? sarifCategory(report) },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.run.startedAt,
            endTimeUtc: report.run.finishedAt,
            toolExecutionNotifications: notifications,
            properties: { coverageComplete: report.coverage.complete, now: report.run.now },
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
