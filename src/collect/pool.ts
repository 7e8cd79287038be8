/**
 * Runs fn over items with at most `workers` in flight. The first error stops new items from starting
 * (in-flight ones finish) and is rethrown once every worker has stopped; fn handles the errors it
 * tolerates itself.
 */
export async function forEachPooled<T>(
  items: readonly T[],
  workers: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        if (!failed) {
          failed = true;
          failure = err;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
  if (failed) throw failure;
}
