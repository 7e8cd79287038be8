import { UsageError } from '../../errors.js';

/** amiaudit report (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('report is not implemented yet');
}
