import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { renderSarif, ruleArtifactLocation, sarifCategory } from '../../src/report/formats/sarif.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { clone, loadFixture } from './helpers.js';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS with `exports.default`; under NodeNext its default import is the module object.
type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
type AjvConstructor = new (options: Record<string, unknown>) => { compile(schema: unknown): Validator };
const Ajv04 = (ajvDraft04 as unknown as { default: AjvConstructor }).default;
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifValidator() {
  // The schema is draft-04 and one of its patterns is invalid in unicode mode: build RegExps without `u`.
  const regExp = Object.assign(
    (pattern: string, flags: string) => new RegExp(pattern, flags.replace('u', '')),
    {
      code: 'RegExp',
    },
  );
  const ajv = new Ajv04({ allErrors: true, strict: false, code: { regExp } });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

interface SarifResult {
  ruleId: string;
  level: string;
  kind?: string;
  suppressions?: Array<{ kind: string; justification: string }>;
  partialFingerprints: { primaryLocationLineHash: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: Array<{ name: string; kind: string; fullyQualifiedName: string }>;
  }>;
  baselineState?: string;
}

describe('SARIF', () => {
  const report = loadFixture();
  const sarif = JSON.parse(renderSarif(report, { rootDir: '/repo' }));
  const results: SarifResult[] = sarif.runs[0].results;

  it('validates against the official SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects a broken document (the test can fail)', () => {
    const validate = sarifValidator();
    const broken = clone(sarif);
    broken.runs[0].results[0].level = 'catastrophic';
    expect(validate(broken)).toBe(false);
  });

  it('emits one result per finding with a fingerprint equal to the finding id', () => {
    expect(results.map((r) => r.partialFingerprints.primaryLocationLineHash)).toEqual(
      report.findings.map((f) => f.id),
    );
  });

  it('points at the rule file and line, with the resource as logical location', () => {
    const first = results[0]!;
    expect(first.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'rules/public-sharing.yaml' },
      region: { startLine: 4, startColumn: 1 },
    });
    expect(first.locations[0]!.logicalLocations[0]).toEqual({
      name: 'ami-0aaa000000000001',
      kind: 'resource',
      fullyQualifiedName: 'arn:aws:ec2:eu-west-1:111111111111:image/ami-0aaa000000000001',
    });
  });

  it('makes absolute rule paths relative to rootDir', () => {
    const r = clone(report);
    r.rules![0]!.file = '/repo/rules/public-sharing.yaml';
    const out = JSON.parse(renderSarif(r, { rootDir: '/repo' }));
    expect(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'rules/public-sharing.yaml',
    );
  });

  it.each([
    ['a repo rule file given relative', 'rules/a.yaml', { uri: 'rules/a.yaml' }],
    ['a repo rule file given absolute', '/repo/rules/a.yaml', { uri: 'rules/a.yaml' }],
    [
      'a relative path leaving the repo',
      '../elsewhere/a.yaml',
      { uri: 'a.yaml', uriBaseId: 'AMIAUDIT_EXTERNAL' },
    ],
    [
      'the bundled pack',
      '/opt/amiaudit/rules/public-sharing.yaml',
      { uri: 'rules/public-sharing.yaml', uriBaseId: 'AMIAUDIT_PACKAGE' },
    ],
    [
      'a rule folder outside both',
      '/etc/amiaudit/rules/x.yaml',
      { uri: 'x.yaml', uriBaseId: 'AMIAUDIT_EXTERNAL' },
    ],
    ['a name needing percent-encoding', '/repo/my rules/a#1.yaml', { uri: 'my%20rules/a%231.yaml' }],
  ])('locates %s', (_name, file, expected) => {
    expect(ruleArtifactLocation(file, '/repo', '/opt/amiaudit')).toEqual(expected);
  });

  it.each([
    // The package installed under the checkout (node_modules) is still the package: the deeper root wins.
    [
      '/repo',
      '/repo/node_modules/amiaudit',
      '/repo/node_modules/amiaudit/rules/a.yaml',
      { uri: 'rules/a.yaml', uriBaseId: 'AMIAUDIT_PACKAGE' },
    ],
    // Working inside the amiaudit checkout itself: its rules are repository files.
    ['/src/amiaudit', '/src/amiaudit', '/src/amiaudit/rules/a.yaml', { uri: 'rules/a.yaml' }],
    // Run from a parent folder of the package (e.g. $HOME with a global install below it).
    [
      '/home/u',
      '/home/u/.npm/lib/node_modules/amiaudit',
      '/home/u/.npm/lib/node_modules/amiaudit/rules/a.yaml',
      { uri: 'rules/a.yaml', uriBaseId: 'AMIAUDIT_PACKAGE' },
    ],
  ])('with cwd %s and package %s locates %s', (root, pkg, file, expected) => {
    expect(ruleArtifactLocation(file, root, pkg)).toEqual(expected);
  });

  it('never emits .. segments or absolute paths, and declares the bases it uses', () => {
    const r = clone(report);
    r.rules![0]!.file = '/opt/amiaudit/rules/public-sharing.yaml';
    r.rules![1]!.file = '/etc/amiaudit/age.yaml';
    const out = JSON.parse(renderSarif(r, { rootDir: '/tmp/qa3/good', packageRoot: '/opt/amiaudit' }));
    const uris: Array<{ uri: string; uriBaseId?: string }> = out.runs[0].results.map(
      (x: SarifResult) => x.locations[0]!.physicalLocation.artifactLocation,
    );
    for (const u of uris) {
      expect(u.uri).not.toMatch(/(^|\/)\.\.(\/|$)/);
      expect(u.uri).not.toMatch(/^\//);
    }
    expect(uris).toContainEqual({ uri: 'rules/public-sharing.yaml', uriBaseId: 'AMIAUDIT_PACKAGE' });
    expect(uris).toContainEqual({ uri: 'age.yaml', uriBaseId: 'AMIAUDIT_EXTERNAL' });
    expect(Object.keys(out.runs[0].originalUriBaseIds)).toEqual(['AMIAUDIT_EXTERNAL', 'AMIAUDIT_PACKAGE']);
    // Declared without their (machine-specific) absolute value.
    for (const base of Object.values(out.runs[0].originalUriBaseIds) as Array<Record<string, unknown>>) {
      expect(base.uri).toBeUndefined();
      expect(base.description).toBeDefined();
    }
    expect(JSON.stringify(out)).not.toContain('/opt/amiaudit');
    const validate = sarifValidator();
    expect(validate(out)).toBe(true);
  });

  it('locates the bundled pack relative to the installed package when run from another folder', () => {
    const r = clone(report);
    r.rules![0]!.file = join(PACKAGE_ROOT, 'rules', 'public-sharing.yaml');
    const out = JSON.parse(renderSarif(r, { rootDir: '/tmp/qa3/good' }));
    expect(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'rules/public-sharing.yaml',
      uriBaseId: 'AMIAUDIT_PACKAGE',
    });
  });

  it('declares no uri bases when every rule file is in the repository', () => {
    expect(sarif.runs[0].originalUriBaseIds).toBeUndefined();
  });

  it('tags every rule security with an in-range security-severity', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    const bySev = Object.fromEntries(
      rules.map((r: { id: string; properties: Record<string, unknown> }) => [r.id, r.properties]),
    );
    expect(bySev['ami-no-public-sharing']['security-severity']).toBe('9.5');
    expect(bySev['ami-max-age']['security-severity']).toBe('5.5');
    expect(bySev['ami-naming']['security-severity']).toBe('0.0');
    for (const r of rules) expect(r.properties.tags).toContain('security');
    expect(rules[0].help.markdown).toContain('make-private');
  });

  it('suppresses waived findings with reason, owner and expiry', () => {
    const s = results.find((r) => r.suppressions)!;
    expect(s.suppressions![0]!.kind).toBe('external');
    expect(s.suppressions![0]!.justification).toContain('SEC-123');
    expect(s.suppressions![0]!.justification).toContain('secops@example.com');
    expect(s.suppressions![0]!.justification).toContain('2027-03-31');
    expect(results.filter((r) => r.suppressions).length).toBe(2);
  });

  it('marks inconclusive findings for review, not as failures', () => {
    const idx = report.findings.findIndex((f) => f.status === 'inconclusive');
    expect(results[idx]).toMatchObject({ kind: 'review', level: 'none' });
  });

  it('carries the baseline state', () => {
    expect(results.map((r) => r.baselineState)).toEqual(report.findings.map((f) => f.baseline));
  });

  it('has a category that depends on the accounts in scope only', () => {
    const fewer = clone(report);
    fewer.findings = fewer.findings.slice(0, 2);
    expect(sarifCategory(fewer)).toBe(sarifCategory(report));
    const other = clone(report);
    other.coverage.accountIds = ['444444444444'];
    expect(sarifCategory(other)).not.toBe(sarifCategory(report));
    expect(sarif.runs[0].automationDetails.id).toMatch(/^amiaudit\/[0-9a-f]{12}\/$/);
  });
});
