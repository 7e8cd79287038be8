import { UsageError } from '../../errors.js';

/** amiaudit undo (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('undo is not implemented yet');
}
