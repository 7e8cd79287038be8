import { describe, expect, it } from 'vitest';
import type { Check, CheckOf, CheckType } from '../../src/catalog/check-registry.js';
import type { Finding } from '../../src/findings/model.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { inventory, rule, run } from '../engine/helpers.js';

/** One row: an inventory (built from the test organization), the check's params, and the resource to judge. */
export interface CheckRow<K extends CheckType> {
  name: string;
  /** Overrides of the test inventory (images, usage, snapshots, segments…). */
  inventory: Partial<Inventory>;
  /** The rule's check params; the table's `defaults` are merged under them. */
  check?: Partial<Omit<CheckOf<K>, 'type'>>;
  /** The resource id whose verdict the row is about. */
  resource: string;
  /** A pattern the finding's message must match (invalid and inconclusive rows). */
  message?: RegExp;
  /** Evidence keys the finding must carry with these values (compared with toMatchObject). */
  evidence?: Record<string, unknown>;
  /** `now` for this row (default the helpers' NOW). */
  now?: Date;
}

/** A check's table, RuleTester style: rows that pass, rows with an open finding, rows left inconclusive. */
export interface CheckTable<K extends CheckType> {
  /** Params every row starts from. */
  defaults: Omit<CheckOf<K>, 'type'>;
  valid: CheckRow<K>[];
  invalid: CheckRow<K>[];
  inconclusive?: CheckRow<K>[];
}

function verdictOf(row: CheckRow<CheckType>, type: CheckType, defaults: object): Finding | undefined {
  // The table's type parameter ties params to type; the union here cannot, so the row is checked by evaluate().
  const check = { ...defaults, ...row.check, type } as Check;
  const report = run(inventory(row.inventory), [rule(check)], [], row.now);
  return report.findings.find((f) => f.resource.id === row.resource);
}

function assertFinding(f: Finding | undefined, row: CheckRow<CheckType>, status: Finding['status']): void {
  expect(f, `a finding on ${row.resource}`).toBeDefined();
  expect(f?.status).toBe(status);
  if (row.message) expect(f?.message).toMatch(row.message);
  if (row.evidence) expect(f?.evidence).toMatchObject(row.evidence);
}

/**
 * Declares the tests of one check type from its table: each valid row has no finding on its resource,
 * each invalid row an open one, each inconclusive row an inconclusive one (with message and evidence as given).
 */
export function checkTable<K extends CheckType>(type: K, table: CheckTable<K>): void {
  describe(`${type} check`, () => {
    if (table.valid.length > 0) {
      it.each(table.valid.map((r) => [r.name, r] as const))('passes: %s', (_name, row) => {
        expect(verdictOf(row, type, table.defaults)).toBeUndefined();
      });
    }
    if (table.invalid.length > 0) {
      it.each(table.invalid.map((r) => [r.name, r] as const))('fails: %s', (_name, row) => {
        assertFinding(verdictOf(row, type, table.defaults), row, 'open');
      });
    }
    if (table.inconclusive?.length) {
      it.each(table.inconclusive.map((r) => [r.name, r] as const))('inconclusive: %s', (_name, row) => {
        assertFinding(verdictOf(row, type, table.defaults), row, 'inconclusive');
      });
    }
  });
}
