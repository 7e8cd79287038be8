import { UsageError } from '../../errors.js';

/** amiaudit scan (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('scan is not implemented yet');
}
