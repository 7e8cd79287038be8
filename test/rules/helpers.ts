import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputErrors } from '../../src/errors.js';

/** Fixture path relative to the working folder, as a user would type it (errors echo it back). */
export function fixture(...parts: string[]): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return relative(process.cwd(), join(here, '..', 'fixtures', 'rules', ...parts));
}

/** Runs `fn`, expects it to throw InputErrors, and returns its lines ("FILE:LINE:COL message"). */
export async function errorLines(fn: () => Promise<unknown>): Promise<string[]> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof InputErrors) return err.errors.map((e) => e.toLine());
    throw err;
  }
  throw new Error('expected InputErrors, nothing was thrown');
}
