import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '../../support/fresh-database.js';
import { REPO_ROOT } from '../../support/service-cloud.js';

/** What the demo seeding of `motorcade dev` wrote (see packages/cli/src/demo-seed.ts). */
export interface Demo {
  readonly organisation: string;
  readonly users: readonly string[];
  readonly password: string;
  readonly clientKey: string;
  readonly vehicles: readonly {
    vehicleId: string;
    name: string;
    driverEmail: string;
    deviceId: string;
    uniqueId: string;
    secret: string;
  }[];
}

/** A `motorcade dev` process serving one environment, as a user starts it. */
export interface DevEnvironment {
  readonly gateway: string;
  readonly mqtt: string;
  readonly demo: Demo;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 300_000;

/**
 * Starts the real CLI — `motorcade dev --env <env>` on ephemeral ports, a fresh database and its
 * own state directory — waits for its ready line, and reads the URLs and demo credentials it
 * recorded. Nothing is called in-process: the test talks to it over HTTP and MQTT only.
 * @example
 * const environment = await startDevEnvironment('staging');
 */
export async function startDevEnvironment(
  env: string,
  extraArgs: readonly string[] = [],
): Promise<DevEnvironment> {
  const stateDir = await mkdtemp(join(tmpdir(), `motorcade-e2e-${env}-`));
  const database = await freshDatabase(`e2e_${env}`);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'packages/cli/bin/motorcade.js'),
      'dev',
      '--env',
      env,
      '--state-dir',
      stateDir,
      '--port',
      '0',
      '--edge-port',
      '0',
      '--mqtt-port',
      '0',
      '--database-url',
      database.url,
      '--no-watch',
      ...extraArgs,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const cleanUp = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    }
    await database.drop().catch(() => {});
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`motorcade dev was not ready in ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        if (/motorcade: ready in/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`motorcade dev exited with ${code} before it was ready`));
      });
    });
    const recorded = JSON.parse(await readFile(join(stateDir, 'edge.json'), 'utf8')) as {
      gateway: string;
      mqtt: string;
    };
    const demo = JSON.parse(await readFile(join(stateDir, 'demo.json'), 'utf8')) as Demo;
    return { gateway: recorded.gateway, mqtt: recorded.mqtt, demo, output: () => output, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw new Error(`${(error as Error).message}\n--- motorcade dev output ---\n${output.slice(-8000)}`, {
      cause: error,
    });
  }
}
