import { UsageError } from '../../errors.js';

/** amiaudit evaluate (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('evaluate is not implemented yet');
}
