import { describe, expect, it } from 'vitest';
import { MemoryWatch } from '../../src/index.js';

const MB = 1024 * 1024;
const usage = (heapUsed: number, external = 0): NodeJS.MemoryUsage => ({
  rss: heapUsed + 30 * MB,
  heapTotal: heapUsed,
  heapUsed,
  external,
  arrayBuffers: 0,
});

/** A watch fed by a list of heap readings, one per invocation. */
function watchOver(readings: number[], options: ConstructorParameters<typeof MemoryWatch>[0] = {}) {
  let index = 0;
  const watch = new MemoryWatch({
    memorySizeMb: 128,
    blockSize: 5,
    minGrowthBytes: 2 * MB,
    measure: () => usage(readings[Math.min(index++, readings.length - 1)] ?? 0),
    ...options,
  });
  return readings.map(() => watch.record());
}

describe('MemoryWatch', () => {
  it('reports usage against the memory size and warns past 80 %', () => {
    const [calm, high] = watchOver([40 * MB, 110 * MB]);

    // Vitest runs this on the main thread, where the process RSS is what counts.
    expect(calm?.sample).toMatchObject({ limitBytes: 128 * MB, heapUsedBytes: 40 * MB });
    expect(calm?.warnings).toEqual([]);
    expect(high?.warnings).toEqual([expect.stringMatching(/^Memory at 109\.4% of 128 MB \(over 80%\)$/)]);
  });

  it('warns when the heap floor rises block after block (a leak)', () => {
    // A sawtooth whose floor rises 1 MB per block of 5 invocations.
    const readings = Array.from({ length: 15 }, (_, i) => (20 + Math.floor(i / 5) + (i % 5)) * MB);

    const reports = watchOver(readings);

    expect(reports.slice(0, 14).flatMap((report) => report.warnings)).toEqual([]);
    expect(reports[14]?.warnings).toEqual([
      expect.stringMatching(/^Heap floor grew 2\.0 MB over the last 15 invocations/),
    ]);
  });

  it('stays quiet for a sawtooth that returns to the same floor (the GC at work)', () => {
    const readings = Array.from({ length: 60 }, (_, i) => (20 + (i % 5) * 3) * MB);

    expect(watchOver(readings).flatMap((report) => report.warnings)).toEqual([]);
  });
});
