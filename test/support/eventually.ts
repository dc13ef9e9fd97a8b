/**
 * Retries `probe` until it returns something other than undefined, or fails after `timeoutMs`
 * with `what` (for conditions that the system reaches asynchronously, through the event bus).
 * @example
 * const offer = await eventually('an offer to driver1', () => firstOffer(token));
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
