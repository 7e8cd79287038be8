import { UsageError } from '../../errors.js';

/** amiaudit remediate (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('remediate is not implemented yet');
}
