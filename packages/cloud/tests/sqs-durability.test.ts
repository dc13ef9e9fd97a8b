import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { handledRecords, SQS_FIXTURES, waitFor } from './fixtures/sqs/sqs-harness.js';

interface Ready {
  readonly edgeUrl: string;
  readonly work: string;
  readonly deadLetters: string;
}

/** Starts the fixture cloud in a child process and resolves with its URLs once it is ready. */
function startCloud(stateDir: string, configFile: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [join(SQS_FIXTURES, 'cloud-process.mjs'), stateDir, configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cloud did not start in 20 s: ${stderr}`)), 20_000);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(line) as Ready });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cloud exited with ${code}: ${stderr}`));
    });
  });
}

function client(edgeUrl: string): SQSClient {
  return new SQSClient({
    endpoint: edgeUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'motorcade-test', secretAccessKey: 'motorcade' },
    maxAttempts: 1,
  });
}

describe('SQS durability', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('loses no acknowledged message when the cloud is killed with SIGKILL mid-stream', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'motorcade-sqs-kill-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const recordDir = join(dir, 'records');
    const configFile = join(dir, 'motorcade.config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        services: { work: { template: join(SQS_FIXTURES, 'template.yaml') } },
        parameters: { RecordDir: recordDir },
        environments: { test: { account: '123456789012', region: 'eu-west-1', concurrency: 50 } },
      }),
    );
    await mkdir(recordDir, { recursive: true });
    const stateDir = join(dir, '.motorcade', 'test');
    const first = await startCloud(stateDir, configFile);
    cleanup.push(() => {
      first.child.kill('SIGKILL');
    });
    const sqs = client(first.ready.edgeUrl);
    cleanup.push(() => sqs.destroy());
    const acknowledged = new Set<number>();
    const failing = (id: number): boolean => id % 10 === 0;

    // Act: eight senders; the cloud dies once 150 sends were acknowledged.
    let next = 0;
    let killed = false;
    const sender = async (): Promise<void> => {
      while (!killed && next < 400) {
        const id = next++;
        const body = JSON.stringify(failing(id) ? { id, fail: 'item' } : { id });
        try {
          await sqs.send(new SendMessageCommand({ QueueUrl: first.ready.work, MessageBody: body }));
          acknowledged.add(id);
          if (acknowledged.size >= 150 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          // Sends cut off by the kill were never acknowledged.
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    if (first.child.exitCode === null && first.child.signalCode === null)
      await new Promise((resolve) => first.child.once('exit', resolve));
    const second = await startCloud(stateDir, configFile);
    cleanup.push(() => {
      second.child.kill('SIGKILL');
    });
    const after = client(second.ready.edgeUrl);
    cleanup.push(() => after.destroy());

    // Assess: every acknowledged message was handled, or (the failing ones) sits in the DLQ.
    const expectedHandled = [...acknowledged].filter((id) => !failing(id));
    const expectedDead = new Set([...acknowledged].filter(failing));
    const dead = new Set<number>();
    await waitFor(
      async () => {
        const { Messages = [] } = await after.send(
          new ReceiveMessageCommand({
            QueueUrl: second.ready.deadLetters,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 300,
            WaitTimeSeconds: 1,
          }),
        );
        for (const message of Messages) dead.add((JSON.parse(String(message.Body)) as { id: number }).id);
        return [...expectedDead].every((id) => dead.has(id)) ? true : undefined;
      },
      20_000,
      'every failing message in the dead-letter queue',
    );
    const handled = await waitFor(
      async () => {
        const ids = new Set(
          (await handledRecords(recordDir)).map(
            ({ record }) => (JSON.parse(record.body) as { id: number }).id,
          ),
        );
        return expectedHandled.every((id) => ids.has(id)) ? ids : undefined;
      },
      20_000,
      'every acknowledged message handled',
    );
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
    expect(expectedHandled.filter((id) => !handled.has(id))).toEqual([]);
    expect([...expectedDead].filter((id) => !dead.has(id))).toEqual([]);
  });
});
