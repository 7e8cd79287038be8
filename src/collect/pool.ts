import pLimit from 'p-limit';

/**
 * Runs fn over items with at most `workers` in flight. The first error stops new items from starting
 * (in-flight ones finish) and is rethrown once every started item has settled; fn handles the errors
 * it tolerates itself.
 */
export async function forEachPooled<T>(
  items: readonly T[],
  workers: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const limit = pLimit(workers);
  let failure: { err: unknown } | undefined;
  await Promise.all(
    items.map((item) =>
      limit(async () => {
        if (failure) return;
        try {
          await fn(item);
        } catch (err) {
          failure ??= { err };
        }
      }),
    ),
  );
  if (failure) throw failure.err;
}
