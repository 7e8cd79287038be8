import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_DEFINITIONS, actionFits, REMEDIATION_ACTIONS } from '../../src/catalog/action-registry.js';
import { CHECK_TYPES, CHECKS } from '../../src/catalog/check-registry.js';
import { loadRules } from '../../src/rules/load.js';

describe('check and action catalog', () => {
  it('keeps the remediation fit of 0.1: which actions may fix which check types', () => {
    const fits = Object.fromEntries(
      REMEDIATION_ACTIONS.map((name) => [
        name,
        CHECK_TYPES.filter((t) => actionFits(ACTION_DEFINITIONS[name], CHECKS[t].remediation)),
      ]),
    );
    expect(fits).toEqual({
      'make-private': ['public-sharing', 'match'],
      'remove-launch-permissions': ['public-sharing', 'match'],
      deprecate: ['naming', 'age', 'unused', 'retention', 'match'],
      disable: ['naming', 'age', 'unused', 'retention', 'match'],
      deregister: ['age', 'unused', 'retention', 'match'],
      'enable-block-public-access': ['public-sharing'],
      tag: ['naming', 'age', 'unused', 'retention', 'public-sharing', 'match'],
    });
  });

  it.each(CHECK_TYPES)('the %s example is a valid rule of that type', async (type) => {
    const mod = CHECKS[type];
    const dir = mkdtempSync(join(tmpdir(), 'amiaudit-catalog-'));
    const file = join(dir, `${type}.yaml`);
    writeFileSync(file, `rules:\n${mod.example.replace(/^/gm, '  ')}\n`);
    const { rules } = await loadRules([file]);
    expect(rules).toHaveLength(1);
    expect(rules[0].check.type).toBe(type);
  });

  it.each(CHECK_TYPES)('%s declares its documentation and resource types', (type) => {
    const mod = CHECKS[type];
    expect(mod.type).toBe(type);
    expect(mod.title.length).toBeGreaterThan(10);
    expect(mod.description.length).toBeGreaterThan(40);
    expect(mod.resourceTypes.length).toBeGreaterThan(0);
  });

  it.each(REMEDIATION_ACTIONS)('action %s fits at least one check type and names its IAM', (name) => {
    const def = ACTION_DEFINITIONS[name];
    expect(def.name).toBe(name);
    expect(CHECK_TYPES.some((t) => actionFits(def, CHECKS[t].remediation))).toBe(true);
    expect(def.iam.apply.length).toBeGreaterThan(0);
    expect(def.iam.undo.length).toBeGreaterThan(0);
  });
});
