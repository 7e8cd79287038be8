import { UsageError } from '../../errors.js';

/** amiaudit collect (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('collect is not implemented yet');
}
