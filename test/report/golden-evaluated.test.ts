import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Report } from '../../src/findings/model.js';
import { readInventory } from '../../src/inventory/reader.js';
import { FORMAT_MAP, FORMATS } from '../../src/report/formats/index.js';
import { loadExceptions } from '../../src/rules/exceptions.js';
import { loadRules } from '../../src/rules/load.js';
import { expectGolden } from './helpers.js';

// The example inventory evaluated with the default rule pack as of a fixed instant: what a user gets
// from `amiaudit evaluate --inventory test/fixtures/inventory/example.jsonl --now 2025-06-01T00:00:00Z`.
// Relative paths keep rule file locations (and so SARIF URIs) independent of the checkout folder.
const NOW = new Date('2025-06-01T00:00:00.000Z');
const OPTIONS = { rootDir: process.cwd() };

let report: Report;

beforeAll(async () => {
  const inventory = await readInventory([join('test', 'fixtures', 'inventory', 'example.jsonl')]);
  const { rules, digest } = await loadRules(['rules']);
  const exceptions = await loadExceptions(join('test', 'fixtures', 'rules', 'exceptions', 'valid.yaml'));
  report = evaluate({
    inventory,
    rules,
    exceptions,
    now: NOW,
    rulesDigest: digest,
    toolVersion: '0.0.0-test',
  });
});

describe('golden files of the evaluated example inventory', () => {
  it('has findings of several rules and statuses to render', () => {
    expect(report.findings.length).toBeGreaterThan(3);
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBeGreaterThan(1);
  });

  it.each(FORMATS)('%s matches its golden file', (format) => {
    expectGolden(`evaluated/${FORMAT_MAP[format].file}`, FORMAT_MAP[format].render(report, OPTIONS));
  });
});
