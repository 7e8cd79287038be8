import { UsageError } from '../../errors.js';

/** amiaudit demo (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('demo is not implemented yet');
}
