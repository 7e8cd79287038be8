import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Report } from '../../src/findings/model.js';
import { parseReport } from '../../src/findings/validate.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const FIXTURE = join(HERE, 'fixtures', 'report.json');
export const GOLDEN_DIR = join(HERE, 'golden');

/** The hand-written sample report (validated, so a fixture typo fails loudly). */
export function loadFixture(): Report {
  return parseReport(readFileSync(FIXTURE, 'utf8'), FIXTURE);
}

/** Compares output with test/report/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual, `output differs from ${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    readFileSync(file, 'utf8'),
  );
}

/** A deep copy of a report, for tests that modify it. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
