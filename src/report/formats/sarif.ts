import { createHash } from 'node:crypto';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Finding, Report, RuleMeta } from '../../findings/model.js';
import type { Severity } from '../../findings/severity.js';
import { neutralise, neutraliseKeepNewlines } from '../../neutralise.js';
import { PACKAGE_ROOT } from '../../version.js';
import { rulesById } from '../order.js';
import { SEVERITY_STYLE } from '../severity-style.js';
import type { RenderOptions } from './options.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** uriBaseId of rule files shipped in the amiaudit package (the bundled pack): not in the user's repository. */
export const SARIF_PACKAGE_BASE = 'AMIAUDIT_PACKAGE';
/** uriBaseId of rule files outside both the repository and the package: the uri is the bare file name. */
export const SARIF_EXTERNAL_BASE = 'AMIAUDIT_EXTERNAL';

const BASE_DESCRIPTIONS: Record<string, string> = {
  [SARIF_PACKAGE_BASE]: 'The installed amiaudit package: the rule file is part of the bundled rule pack.',
  [SARIF_EXTERNAL_BASE]:
    'A rule folder outside the repository and the amiaudit package: the uri is the rule file name only.',
};

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** The path of `file` below `root` in forward-slash segments, or undefined when it is not below it. */
function below(root: string, file: string): string[] | undefined {
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep);
}

/** A URI reference from path segments: each percent-encoded, so '#', '?' or spaces in names stay literal. */
function uriOf(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

/**
 * Where a rule file is, for SARIF. GitHub code scanning reads `uri` as relative to the repository root, so:
 * a file under the working folder (the checkout in CI) is repo-relative with no base; a file of the bundled
 * pack is relative to the package root with uriBaseId AMIAUDIT_PACKAGE; anything else is its bare name with
 * AMIAUDIT_EXTERNAL. When both roots contain the file the deeper one wins (a package installed under the
 * checkout, e.g. node_modules, is still the package). Never `..` segments or absolute machine paths.
 */
export function ruleArtifactLocation(file: string, rootDir: string, packageRoot: string): ArtifactLocation {
  const abs = resolve(rootDir, file);
  const inRoot = below(resolve(rootDir), abs);
  const inPackage = below(resolve(packageRoot), abs);
  if (inRoot && (!inPackage || inRoot.length <= inPackage.length)) return { uri: uriOf(inRoot) };
  if (inPackage) return { uri: uriOf(inPackage), uriBaseId: SARIF_PACKAGE_BASE };
  return { uri: uriOf([basename(abs)]), uriBaseId: SARIF_EXTERNAL_BASE };
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

// Text a person reads in a SARIF viewer is neutralised (src/neutralise.ts): message texts, justifications
// and locations' names one line each; a rule's description keeps its own line breaks. The `properties` bags
// stay raw data, like findings.json.

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
  if (meta?.references?.length)
    lines.push('', '**References:**', ...meta.references.map((r) => `- ${neutralise(r)}`));
  return neutraliseKeepNewlines(lines.join('\n'));
}

function ruleHelpText(meta: RuleMeta | undefined, ruleId: string): string {
  const parts = [meta?.title ?? ruleId];
  if (meta?.description) parts.push(meta.description);
  if (meta?.remediation) parts.push(`Remediation: amiaudit remediate action ${meta.remediation.action}.`);
  if (meta?.references?.length) parts.push(`References: ${meta.references.join('; ')}`);
  return neutraliseKeepNewlines(parts.join('\n\n'));
}

function suppression(f: Finding): Record<string, unknown>[] | undefined {
  if (f.status !== 'suppressed') return undefined;
  const e = f.exception;
  const justification = e
    ? `${e.reason} (owner: ${e.owner}, expires: ${e.expires})`
    : 'suppressed by an exception';
  return [{ kind: 'external', status: 'accepted', justification: neutralise(justification) }];
}

/**
 * Renders SARIF 2.1.0 for GitHub code scanning. The physical location is the rule file (it exists in the
 * repo and is stable); the cloud resource is the logical location. Open and suppressed findings keep the
 * rule's level (suppressed ones carry `suppressions`); inconclusive ones are `kind: "review"` with level
 * `none` (SARIF requires `none` for non-fail kinds), so "could not check" is visible but not a violation.
 * Resolved findings are left out, which is what makes code scanning close their alerts. Rule file paths
 * are made relative to `options.rootDir` (the caller's working folder).
 */
export function renderSarif(report: Report, options: RenderOptions & { rootDir: string }): string {
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
      shortDescription: { text: neutralise(meta?.title ?? id) },
      fullDescription: { text: neutraliseKeepNewlines(meta?.description ?? meta?.title ?? id) },
      help: { text: ruleHelpText(meta, id), markdown: ruleHelpMarkdown(meta, id, severity) },
      defaultConfiguration: { level: style.sarifLevel },
      properties: {
        tags: ['security', 'aws', 'ami', ...(meta ? [`amiaudit/${meta.type}`] : []), `severity/${severity}`],
        'security-severity': style.securitySeverity,
        precision: 'high',
      },
    };
  });

  const rootDir = options.rootDir;
  const packageRoot = options.packageRoot ?? PACKAGE_ROOT;
  const locations = new Map<string, ArtifactLocation>();
  const locationOf = (file: string): ArtifactLocation => {
    let loc = locations.get(file);
    if (!loc) {
      loc = ruleArtifactLocation(file, rootDir, packageRoot);
      locations.set(file, loc);
    }
    return loc;
  };

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
      message: { text: neutralise(inconclusive ? `Inconclusive: ${f.message}` : f.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: meta ? locationOf(meta.file) : { uri: 'rules' },
            region: { startLine: meta?.line ?? 1, startColumn: 1 },
          },
          logicalLocations: [
            { name: neutralise(r.id), kind: 'resource', fullyQualifiedName: neutralise(r.arn) },
          ],
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

  // Declared without a uri: their absolute value is a machine path, which the report never reveals.
  const bases = [
    ...new Set([...locations.values()].flatMap((l) => (l.uriBaseId ? [l.uriBaseId] : []))),
  ].sort();
  const originalUriBaseIds = Object.fromEntries(
    bases.map((b) => [b, { description: { text: BASE_DESCRIPTIONS[b] ?? b } }]),
  );

  const notifications = report.coverage.gaps.map((g) => ({
    level: 'error',
    message: { text: neutralise(`Coverage gap: ${g.account} ${g.region} ${g.collector}: ${g.error}`) },
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
        ...(bases.length > 0 ? { originalUriBaseIds } : {}),
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
