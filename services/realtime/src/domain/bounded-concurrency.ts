/**
 * Runs `work` on every item with at most `limit` running at once and returns the settled results
 * in the items' order. A push to thousands of connections must neither go one by one (too slow)
 * nor all at once (sockets, memory and the API's rate limit).
 * @example
 * const results = await mapSettled(connections, 25, (connection) => pusher.push(connection.id, data));
 */
export async function mapSettled<TItem, TResult>(
  items: readonly TItem[],
  limit: number,
  work: (item: TItem) => Promise<TResult>,
): Promise<PromiseSettledResult<TResult>[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  const results: PromiseSettledResult<TResult>[] = new Array(items.length);
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index] as TItem) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}
