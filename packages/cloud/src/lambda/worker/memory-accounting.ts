import { getHeapStatistics } from 'node:v8';

/**
 * How an environment's memory is limited and reported. The limit is applied by the parent (the
 * worker's `resourceLimits`); usage is sampled inside the worker, where the isolate's statistics are.
 */

/**
 * What a sandbox uses besides the function's V8 heap: the node binary, libuv, ICU data and the
 * runtime client. Measured on Node 20 (linux-x64): a bare `node` process has 40.6 MB RSS of which
 * 4.2 MB is V8 heap and 1.3 MB external memory, so about 35 MB.
 */
export const RUNTIME_BASELINE_MB = 35;

const MIB = 1024 * 1024;

/**
 * The V8 old-generation limit for a function of `memoryMb`. AWS's Node.js bootstrap gives old space
 * `memory − memory/10`, but the sandbox is killed when its whole RSS reaches the memory size, and
 * the runtime's own {@link RUNTIME_BASELINE_MB} counts towards it; the lower of the two is where a
 * handler really runs out of memory on AWS. The young generation keeps V8's default.
 */
export function heapLimitMb(memoryMb: number): number {
  return Math.max(16, Math.min(memoryMb - Math.floor(memoryMb / 10), memoryMb - RUNTIME_BASELINE_MB));
}

/**
 * An approximation of AWS's Max Memory Used: the isolate's heap + external memory (a high-water
 * mark, see {@link HeapHighWater}) plus the runtime baseline, capped at the memory size.
 */
export function memoryUsedMb(heapBytes: number, memoryMb: number): number {
  return Math.min(memoryMb, RUNTIME_BASELINE_MB + Math.ceil(heapBytes / MIB));
}

/**
 * The highest heap + external memory seen in this isolate, sampled at the end of each invocation
 * (V8 keeps no per-invocation peak; the committed heap size, which shrinks late, stands in for it).
 * AWS's Max Memory Used is likewise a high-water mark of the whole sandbox.
 */
export class HeapHighWater {
  #peakBytes = 0;

  /** Samples now and returns the high-water mark in bytes. */
  sample(): number {
    const heap = getHeapStatistics();
    const now = heap.total_heap_size + heap.external_memory;
    if (now > this.#peakBytes) this.#peakBytes = now;
    return this.#peakBytes;
  }
}
