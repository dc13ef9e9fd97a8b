import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';

const RUNNER = fileURLToPath(new URL('./fixtures/durability/run-cloud.mjs', import.meta.url));

interface RunningCloud {
  readonly process: ChildProcess;
  readonly edgeUrl: string;
}

function startCloud(stateDir: string, recordFile: string): Promise<RunningCloud> {
  const child = spawn(process.execPath, [RUNNER, stateDir, recordFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cloud did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ process: child, edgeUrl: ready[1] as string });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the cloud exited (${code}):\n${output}`)));
  });
}

async function recorded(file: string): Promise<Set<number>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return new Set(text.split('\n').filter(Boolean).map(Number));
}

describe('asynchronous invocations survive a kill -9', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs every accepted Event invocation after a restart, none lost', async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), 'motorcade-durable-'));
    const stateDir = join(dir, 'state');
    const recordFile = join(dir, 'recorded.txt');
    const first = await startCloud(stateDir, recordFile);
    children.push(first.process);
    const client = (edgeUrl: string) =>
      new LambdaClient({
        endpoint: edgeUrl,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'motorcade-test', secretAccessKey: 'motorcade' },
      });
    const total = 300;

    // Act: every invocation is acknowledged (202) before the process is killed mid-stream.
    const lambda = client(first.edgeUrl);
    for (let n = 0; n < total; n += 1) {
      const result = await lambda.send(
        new InvokeCommand({
          FunctionName: 'recorder',
          InvocationType: 'Event',
          Payload: JSON.stringify({ n }),
        }),
      );
      expect(result.StatusCode).toBe(202);
    }
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    const beforeRestart = await recorded(recordFile);
    const second = await startCloud(stateDir, recordFile);
    children.push(second.process);

    // Assess
    const deadline = Date.now() + 20_000;
    let after = await recorded(recordFile);
    while (after.size < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await recorded(recordFile);
    }
    expect(beforeRestart.size).toBeLessThan(total);
    expect([...Array(total).keys()].filter((n) => !after.has(n))).toEqual([]);
  }, 60_000);
});
