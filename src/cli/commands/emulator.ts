import { UsageError } from '../../errors.js';

/** amiaudit emulator (not built yet). */
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('emulator is not implemented yet');
}
