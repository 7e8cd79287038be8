import { readFile } from 'node:fs/promises';
import { InputError, readFailure } from '../errors.js';
import type { Report } from './model.js';
import { parseReport } from './validate.js';

/** Reads and validates a findings.json given with --findings (report, remediate). */
export async function readFindings(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read findings: ${readFailure(err)}`, { file }, { cause: err });
  }
  return parseReport(text, file);
}
