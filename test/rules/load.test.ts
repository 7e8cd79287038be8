import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandYamlPaths } from '../../src/rules/files.js';
import { loadRules, rulesDigest } from '../../src/rules/load.js';
import type { Rule } from '../../src/rules/schema.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { fixture } from './helpers.js';

const tmp = await mkdtemp(join(tmpdir(), 'amiaudit-rules-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('loadRules', () => {
  it('loads a folder: yaml and yml files, sorted, recursing but skipping node_modules and other files', async () => {
    const { files, rules } = await loadRules([fixture('valid')]);
    expect(files).toEqual([
      fixture('valid', 'a.yml'),
      fixture('valid', 'b.yaml'),
      fixture('valid', 'empty.yaml'),
      fixture('valid', 'sub', 'c.yaml'),
    ]);
    expect(rules.map((r) => r.id)).toEqual(['rule-a', 'rule-b', 'rule-c']);
  });

  it('records the file and the line of each rule', async () => {
    const { rules } = await loadRules([fixture('valid')]);
    expect(rules.map((r) => r.source)).toEqual([
      { file: fixture('valid', 'a.yml'), line: 2 },
      { file: fixture('valid', 'b.yaml'), line: 2 },
      { file: fixture('valid', 'sub', 'c.yaml'), line: 2 },
    ]);
  });

  it('keeps the YAML values as written (null tag regex, lists, numbers)', async () => {
    const { rules } = await loadRules([fixture('valid', 'sub', 'c.yaml'), fixture('valid', 'a.yml')]);
    expect(rules[0].check).toEqual({ type: 'naming', requiredTags: { Owner: null, Team: '^[a-z]+$' } });
    expect(rules[1].check).toEqual({
      type: 'match',
      when: [
        { key: 'public', op: 'eq', value: true },
        { key: 'tags.Env', op: 'in', value: ['prod', 'staging'] },
        { key: 'tags.Owner', op: 'exists' },
        { key: 'creationDate', op: 'older-than-days', value: 30 },
      ],
    });
  });

  it('loads the same file given twice only once', async () => {
    const file = fixture('valid', 'b.yaml');
    const { files, rules } = await loadRules([file, file]);
    expect(files).toEqual([file]);
    expect(rules).toHaveLength(1);
  });

  it('reports an empty folder', async () => {
    const { errors } = await expandYamlPaths([tmp]);
    expect(errors.map((e) => e.toLine())).toEqual([`${tmp} folder holds no *.yaml or *.yml files`]);
  });
});

describe('rulesDigest', () => {
  const rule = (id: string, line: number): Rule => ({
    id,
    title: `t ${id}`,
    severity: 'low',
    check: { type: 'unused', days: 30 },
    source: { file: `f${line}.yaml`, line },
  });

  it('does not depend on order or source location', () => {
    const a = rulesDigest([rule('a', 1), rule('b', 2)]);
    const b = rulesDigest([rule('b', 9), rule('a', 7)]);
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes when a parameter changes', () => {
    const changed = rule('a', 1);
    changed.check = { type: 'unused', days: 31 };
    expect(rulesDigest([changed])).not.toBe(rulesDigest([rule('a', 1)]));
  });

  it('does not depend on key order in the YAML', async () => {
    const x = join(tmp, 'x.yaml');
    const y = join(tmp, 'y.yaml');
    await writeFile(x, 'rules:\n  - { id: r, title: T, severity: low, check: { type: age, maxDays: 3 } }\n');
    await writeFile(
      y,
      'rules:\n  - check: { maxDays: 3, type: age }\n    severity: low\n    title: T\n    id: r\n',
    );
    expect((await loadRules([x])).digest).toBe((await loadRules([y])).digest);
  });
});

describe('the default rule pack', () => {
  const packDir = join(PACKAGE_ROOT, 'rules');

  it('validates cleanly', async () => {
    const { rules, files } = await loadRules([packDir]);
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(rules.length).toBeGreaterThanOrEqual(5);
  });

  it('covers every check type and every file starts with the editor schema line', async () => {
    const { rules, files } = await loadRules([packDir]);
    expect(new Set(rules.map((r) => r.check.type))).toEqual(
      new Set(['naming', 'age', 'unused', 'retention', 'public-sharing', 'match']),
    );
    const { readFile } = await import('node:fs/promises');
    for (const file of files) {
      expect((await readFile(file, 'utf8')).split('\n')[0]).toBe(
        '# yaml-language-server: $schema=./schema.json',
      );
    }
  });

  it('holds the five files of the design plus the match example', async () => {
    const names = (await readdir(packDir)).filter((f) => f.endsWith('.yaml')).sort();
    expect(names).toEqual([
      'age.yaml',
      'encryption.yaml',
      'naming.yaml',
      'public-sharing.yaml',
      'retention.yaml',
      'unused.yaml',
    ]);
  });
});
