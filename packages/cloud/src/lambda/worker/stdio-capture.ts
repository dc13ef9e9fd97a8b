/**
 * Sends what the function writes to `process.stdout`/`process.stderr` through the same message
 * port as its results. A worker's own stdio travels on a separate channel, so raw output could
 * otherwise reach the parent after the invocation it belongs to has ended.
 */
export function captureStdio(emit: (line: string) => void): { flush(): void } {
  const pending: string[] = ['', ''];
  const streams = [process.stdout, process.stderr] as const;
  streams.forEach((stream, index) => {
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const lines = (pending[index] + text).split('\n');
      pending[index] = lines.pop() ?? '';
      for (const line of lines) emit(line);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    }) as typeof stream.write;
  });
  return {
    flush() {
      pending.forEach((rest, index) => {
        if (rest !== '') emit(rest);
        pending[index] = '';
      });
    },
  };
}
