/** Options of {@link waitFor}. */
export interface WaitOptions {
  /** What is awaited, for the error when it never comes. */
  readonly what: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than `undefined`, within a deadline; the error
 * says what never happened and what the last probe saw.
 * @example
 * const row = await waitFor(() => findReceipt(id), { what: 'the listener to receive the event' });
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: last attempt failed with ${last.message}` : '';
      throw new Error(`Timed out waiting for ${options.what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
