import { UsageError } from '../../errors.js';

/** amiaudit rules (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('rules is not implemented yet');
}
