/**
 * Runs the benchmarks and prints their figures beside the targets. It measures and reports; it
 * never fails on a figure (only on an error).
 *
 *   npm run bench              # build, then every benchmark in sequence
 *   node bench/run.js lambda   # one benchmark (after `npm run build`)
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cleanUp, installCleanupHooks } from './lib/cleanup.mjs';
import { table } from './lib/format.mjs';

const SUITES = {
  lambda: async () => (await import('./lambda/lambda-suite.mjs')).runLambdaSuite(),
  sqs: async () => (await import('./sqs.mjs')).runSqsSuite(),
  apigateway: () => runScript('apigateway.mjs'),
  'event-bus': async () => (await import('./event-bus.mjs')).runEventBusSuite(),
  ingestion: async () => (await import('./ingestion.mjs')).runIngestionSuite(),
};

/** Runs a benchmark that is its own script (it prints its own table) and adds no summary rows. */
function runScript(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve([]) : reject(new Error(`${file} exited with ${code}`))));
  });
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}\n`,
  );
  process.exit(2);
}
const names = requested.length > 0 ? requested : Object.keys(SUITES);

installCleanupHooks();
const started = performance.now();
// The machine may be shared: the load average says how much else ran beside the benchmark.
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
console.log(
  `bench: ${names.join(', ')} — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}, load ${load()}`,
);
const summary = [];
try {
  for (const name of names) {
    const rows = await SUITES[name]();
    summary.push(...rows.map((row) => [name, row.metric, row.measured, row.target, row.verdict]));
  }
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
if (summary.length > 0) {
  console.log(
    `\nsummary (${((performance.now() - started) / 1000).toFixed(1)} s, load average now ${load()})\n${table(
      ['bench', 'figure', 'measured', 'target', 'vs target'],
      summary,
      'llrrl',
    )}`,
  );
}
