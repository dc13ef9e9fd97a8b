import { isMainThread } from 'node:worker_threads';

/** One measurement after an invocation. */
export interface MemorySample {
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
  /** What counts against the function's memory size (see {@link MemoryWatch}). */
  readonly usedBytes: number;
  readonly limitBytes: number;
  readonly usedPercent: number;
}

/** What a {@link MemoryWatch} found after one invocation. */
export interface MemoryReport {
  readonly sample: MemorySample;
  /** One line per problem: over the threshold, or growing steadily. Empty when all is well. */
  readonly warnings: readonly string[];
}

/** Options of a {@link MemoryWatch}. */
export interface MemoryWatchOptions {
  /** The function's memory size; defaults to `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, else 128. */
  readonly memorySizeMb: number;
  /** Warn above this share of the memory size. */
  readonly warnPercent: number;
  /** Invocations per block; growth is judged over three consecutive blocks. */
  readonly blockSize: number;
  /** Growth of the heap's floor across the three blocks below this is noise, not a leak. */
  readonly minGrowthBytes: number;
  /** Reads memory; tests replace it. */
  readonly measure: () => NodeJS.MemoryUsage;
}

const MB = 1024 * 1024;
const BLOCKS = 3;

/**
 * Watches memory across the invocations of one warm execution environment (the seed's lesson: a
 * tiny leak shows only after thousands of invocations, as a timeout or an out-of-memory death).
 *
 * The heap is a sawtooth (it grows until the GC runs), so a single reading says little. The watch
 * takes the floor (minimum) of each block of invocations and reports steady growth when the floor
 * rises block after block by more than `minGrowthBytes` in total.
 *
 * On Lambda the process is the sandbox, so RSS is what the memory size limits. Locally a function
 * runs in a worker thread that shares the process' RSS with the whole local cloud, so there the
 * worker's own heap plus external memory is what counts, as the local cloud's Max Memory Used does.
 * @example
 * const watch = new MemoryWatch();
 * const { sample, warnings } = watch.record();
 */
export class MemoryWatch {
  readonly options: MemoryWatchOptions;
  #floors: number[] = [];
  #blockMin = Number.POSITIVE_INFINITY;
  #inBlock = 0;

  constructor(options: Partial<MemoryWatchOptions> = {}) {
    this.options = {
      memorySizeMb: Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) || 128,
      warnPercent: 80,
      blockSize: 20,
      minGrowthBytes: 4 * MB,
      measure: () => process.memoryUsage(),
      ...options,
    };
  }

  /** Measures now, after an invocation, and says what is wrong. */
  record(): MemoryReport {
    const usage = this.options.measure();
    const usedBytes = isMainThread ? usage.rss : usage.heapTotal + usage.external;
    const limitBytes = this.options.memorySizeMb * MB;
    const sample: MemorySample = {
      heapUsedBytes: usage.heapUsed,
      rssBytes: usage.rss,
      usedBytes,
      limitBytes,
      usedPercent: Math.round((usedBytes / limitBytes) * 1000) / 10,
    };
    const warnings: string[] = [];
    if (sample.usedPercent > this.options.warnPercent) {
      warnings.push(
        `Memory at ${sample.usedPercent}% of ${this.options.memorySizeMb} MB (over ${this.options.warnPercent}%)`,
      );
    }
    const growth = this.#trackFloor(usage.heapUsed);
    if (growth !== undefined) {
      warnings.push(
        `Heap floor grew ${(growth / MB).toFixed(1)} MB over the last ${BLOCKS * this.options.blockSize} invocations: a leak?`,
      );
    }
    return { sample, warnings };
  }

  /** Returns the growth when the floor rose across the last blocks; then starts over. */
  #trackFloor(heapUsed: number): number | undefined {
    this.#blockMin = Math.min(this.#blockMin, heapUsed);
    this.#inBlock += 1;
    if (this.#inBlock < this.options.blockSize) return undefined;
    this.#floors.push(this.#blockMin);
    this.#blockMin = Number.POSITIVE_INFINITY;
    this.#inBlock = 0;
    if (this.#floors.length < BLOCKS) return undefined;
    const floors = this.#floors.slice(-BLOCKS);
    this.#floors = floors;
    const rising = floors.every((floor, index) => index === 0 || floor > (floors[index - 1] ?? floor));
    const growth = (floors.at(-1) ?? 0) - (floors[0] ?? 0);
    if (!rising || growth < this.options.minGrowthBytes) return undefined;
    this.#floors = [];
    return growth;
  }
}
