import { createInterface } from 'node:readline/promises';
import type { Confirm } from '../app/confirm.js';
import { UsageError } from '../errors.js';

/**
 * A confirmation that asks on stderr for "yes" when stdin is a terminal; with `yes` it never asks, and
 * without a terminal it refuses, naming `what` needs --yes.
 */
export function confirmer(yes: boolean | undefined, what: string): Confirm {
  return async (question) => {
    if (yes) return;
    if (!process.stdin.isTTY) {
      throw new UsageError(`${what} needs --yes when not run interactively; nothing was changed`);
    }
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`${question} Type "yes" to continue: `);
      if (answer.trim().toLowerCase() !== 'yes') throw new UsageError('aborted; nothing was changed');
    } finally {
      rl.close();
    }
  };
}
