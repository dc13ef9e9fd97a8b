import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibraryProject, ENV, type LibraryProject } from '../support/library-project.js';

const STACK = `${ENV}-library`;
// V8 keeps optimising the handler chain for the first few thousand invocations (the heap of a
// function that does nothing grows until about invocation 3,500, then stays flat), so growth is
// measured after that warm-up.
const WARM_UP = Number(process.env.PG_LEAK_WARM_UP ?? 3_000);
const MEASURED = Number(process.env.PG_LEAK_INVOCATIONS ?? 3_000);
const SAMPLE_EVERY = 250;
const KB = 1024;
const MB = 1024 * KB;

interface Answer {
  n: number;
  environmentId: string;
  heapUsed?: number;
}

describe('PostgreSQL connections across thousands of warm invocations (real server at TEST_DATABASE_URL)', () => {
  let project: LibraryProject;

  beforeAll(async () => {
    project = await createLibraryProject();
    await project.cloud.deployProject(await project.config({ library: 'library/template.yaml' }), ENV);
  }, 120_000);
  afterAll(async () => {
    await project?.dispose();
  });

  /** Invokes `fn` WARM_UP + MEASURED times in a row; the live heap's growth over the measured part. */
  async function heapGrowth(
    fn: string,
    label: string,
    warmUp = WARM_UP,
    measured = MEASURED,
  ): Promise<number> {
    const environments = new Set<string>();
    const samples: Array<[number, number]> = [];
    for (let n = 1; n <= warmUp + measured; n += 1) {
      const measure = n >= warmUp && (n - warmUp) % SAMPLE_EVERY === 0;
      const { result, functionError } = await project.invoke(`${STACK}-${fn}`, { n, measure });
      if (functionError) throw new Error(`${fn} failed: ${JSON.stringify(result)}`);
      const answer = result as Answer;
      expect(answer.n).toBe(n + 1);
      environments.add(answer.environmentId);
      if (answer.heapUsed !== undefined) samples.push([n, answer.heapUsed]);
    }
    expect(environments.size).toBe(1);
    // The floor of the first and last three readings: one reading may catch a transient allocation.
    const floor = (part: Array<[number, number]>): number => Math.min(...part.map(([, bytes]) => bytes));
    const growth = floor(samples.slice(-3)) - floor(samples.slice(0, 3));
    console.log(
      `[pg-leak] ${label}: live heap ${(floor(samples.slice(0, 3)) / MB).toFixed(2)} MB after ${warmUp} invocations, ` +
        `${(floor(samples.slice(-3)) / MB).toFixed(2)} MB after ${warmUp + measured}: ${(growth / KB).toFixed(0)} KB ` +
        `(${(growth / measured).toFixed(0)} bytes per invocation)`,
    );
    return growth;
  }

  it.each([
    ['close-after-invocation', 'pg-close'],
    ['reuse-across-invocations', 'pg-reuse'],
  ])(
    '%s keeps the heap flat in one warm execution environment',
    async (strategy, fn) => {
      const growth = await heapGrowth(fn, strategy);

      // A client kept per invocation costs kilobytes; 3,000 of them would be many megabytes.
      expect(growth).toBeLessThan(512 * KB);
    },
    600_000,
  );

  it('catches the seed’s leak: closed clients still referenced grow the heap', async () => {
    // Fewer invocations suffice: this leak is kilobytes per invocation.
    const growth = await heapGrowth('pg-leaky', 'closed clients kept (the bug)', 500, 1_000);

    expect(growth).toBeGreaterThan(2 * MB);
  }, 600_000);

  it.each([
    ['the handler chain alone, no database', 'no-db'],
    ['the runtime alone, no library', 'plain'],
  ])(
    'baseline: %s',
    async (label, fn) => {
      expect(await heapGrowth(fn, label)).toBeLessThan(512 * KB);
    },
    600_000,
  );
});
