import { fileURLToPath } from 'node:url';
import { cleanUp, installCleanupHooks } from './cleanup.mjs';
import { table } from './format.mjs';

/**
 * Runs a suite when its file is the script node was started with (`node bench/<suite>.mjs`):
 * cleanup hooks installed, the figures printed as a table, an error printed with exit code 1.
 * @param {string} moduleUrl - the suite's `import.meta.url`
 * @param {() => Promise<Array<{ metric: string, measured: string, target: string, verdict: string }>>} run
 * @param {(text: string) => void} print
 */
export async function runIfMain(moduleUrl, run, print = (text) => console.log(text)) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  installCleanupHooks();
  try {
    const rows = await run();
    print(
      `\n${table(
        ['figure', 'measured', 'target', 'vs target'],
        rows.map((row) => [row.metric, row.measured, row.target, row.verdict]),
        'lrrl',
      )}`,
    );
  } catch (error) {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
