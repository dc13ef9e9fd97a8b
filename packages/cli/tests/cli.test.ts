import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/motorcade.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../cloud/tests/fixtures/project/', import.meta.url));

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: string[], input?: string): Promise<CliResult> {
  const child = execFile(process.execPath, [BIN, ...args], { timeout: 20_000 });
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
  return { code, stdout, stderr };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('motorcade CLI against a running `motorcade dev`', () => {
  let dir: string;
  let dev: ChildProcess;
  let output = '';
  let edgePort = '';
  let common: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-cli-'));
    const config = join(dir, 'motorcade.config.json');
    await writeFile(
      config,
      JSON.stringify({
        services: {
          consumer: { template: join(FIXTURES, 'consumer/template.yaml') },
          provider: { template: join(FIXTURES, 'provider/template.yaml') },
        },
        parameters: { ProviderStackName: '${env}-provider', RecordDir: dir },
        environments: { dev: { account: '210987654321', region: 'eu-west-1', concurrency: 20 } },
      }),
    );
    common = ['--config', config, '--env', 'dev'];
    dev = spawn(
      process.execPath,
      [BIN, 'dev', ...common, '--edge-port', '0', '--port', '0', '--mqtt-port', '0', '--no-watch'],
      {
        stdio: 'pipe',
      },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dev did not get ready:\n${output}`)), 30_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const ready =
          /ready in \d+ ms — gateway http:\/\/127\.0\.0\.1:\d+ · edge http:\/\/127\.0\.0\.1:(\d+)/.exec(
            output,
          );
        if (ready) {
          clearTimeout(timer);
          edgePort = ready[1] as string;
          resolve();
        }
      };
      dev.stdout?.on('data', onData);
      dev.stderr?.on('data', onData);
      dev.on('exit', () => reject(new Error(`dev exited:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (dev.exitCode === null) dev.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a ready line with the edge URL, the stacks and the functions', () => {
    expect(output).toMatch(/\[1\/2\] deploying dev-provider/);
    expect(output).toMatch(/\[2\/2\] deploying dev-consumer/);
    expect(output).toMatch(
      /ready in \d+ ms — gateway http:\/\/127\.0\.0\.1:\d+ · edge http:\/\/127\.0\.0\.1:\d+ · mqtt mqtt:\/\/127\.0\.0\.1:\d+ · environment dev \(account 210987654321, eu-west-1\) · 2 stacks, 3 functions/,
    );
  });

  it('lists the stacks as JSON in the documented shape', async () => {
    const result = await cli(['stacks', ...common, '--json']);
    expect(result.code).toBe(0);
    const listing = JSON.parse(result.stdout);
    expect(listing).toMatchObject({ environment: 'dev', account: '210987654321', region: 'eu-west-1' });
    const consumer = listing.stacks.find((stack: { name: string }) => stack.name === 'dev-consumer');
    expect(consumer).toMatchObject({
      service: 'consumer',
      status: 'CREATE_COMPLETE',
      imports: expect.arrayContaining(['dev-provider-EchoArn']),
      functions: [
        {
          logicalId: 'Reader',
          name: expect.stringMatching(/^dev-consumer-Reader-/),
          arn: expect.stringContaining(':210987654321:function:dev-consumer-Reader-'),
        },
      ],
      apis: [],
      queues: [],
      buckets: [],
    });
  });

  it('invokes <service>.<LogicalId> with an event from stdin and prints the result and the log tail', async () => {
    const result = await cli(['invoke', 'provider.Echo', ...common, '--event', '-'], '{"hello":"world"}');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ event: { hello: 'world' } });
    expect(result.stderr).toMatch(/REPORT RequestId: [0-9a-f-]{36}\tDuration: /);
  });

  it('refuses to destroy a stack whose exports are imported, in one line, with a non-zero exit', async () => {
    const result = await cli(['destroy', 'provider', ...common]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /Export dev-provider-\w+ cannot be deleted as it is in use by dev-consumer/,
    );
  });

  it('says in one line that no local cloud runs when the port is wrong', async () => {
    const port = await closedPort();
    const result = await cli(['stacks', ...common, '--edge-port', String(port)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `motorcade: No local cloud is running at http://127.0.0.1:${port}: start it with 'motorcade dev' (or npm start)\n`,
    );
  });

  it('refuses an explicit edge port that is taken', async () => {
    const result = await cli(['dev', ...common, '--edge-port', edgePort, '--state-dir', join(dir, 'other')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`--edge-port ${edgePort} is already in use`);
  });

  it('destroys the importer, then stops cleanly on SIGTERM', async () => {
    const destroyed = await cli(['destroy', 'consumer', ...common]);
    expect(destroyed).toMatchObject({ code: 0, stdout: 'deleted dev-consumer\n' });
    dev.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => dev.on('exit', (exit) => resolve(exit)));
    expect(code).toBe(0);
  });
});

describe('motorcade dev and the database', () => {
  let dir: string;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-cli-db-'));
  });
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  async function devWithDatabase(
    name: string,
    extra: string[],
  ): Promise<{ output: string; common: string[] }> {
    const config = join(dir, `${name}.config.json`);
    await writeFile(
      config,
      JSON.stringify({
        services: { data: { template: join(FIXTURES, 'database/template.yaml') } },
        environments: { [name]: { account: '210987654321', region: 'eu-west-1' } },
      }),
    );
    const common = ['--config', config, '--env', name];
    const child = spawn(process.execPath, [
      BIN,
      'dev',
      ...common,
      '--edge-port',
      '0',
      '--port',
      '0',
      '--mqtt-port',
      '0',
      '--no-watch',
      ...extra,
    ]);
    running.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dev did not get ready:\n${output}`)), 40_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (/ready in \d+ ms/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => reject(new Error(`dev exited:\n${output}`)));
    });
    const port = /edge http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? '';
    return { output, common: [...common, '--edge-port', port] };
  }

  it('starts the embedded database and passes its URL as DatabaseUrl when no server is given', async () => {
    const { output, common } = await devWithDatabase('embedded', []);
    expect(output).toMatch(/database postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres \(embedded\)/);
    const result = await cli(['invoke', 'data.Query', ...common]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ answer: 42 });
  }, 60_000);

  it('passes the server given with --database-url instead', async () => {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const { output, common } = await devWithDatabase('server', ['--database-url', url]);
    expect(output).toContain(`database ${url}`);
    const result = await cli(['invoke', 'data.Query', ...common]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ answer: 42, url: url.replace(/:[^:@/]+@/, '@') });
  }, 60_000);
});

describe('motorcade dev on a machine whose default ports are taken', () => {
  it('listens on free ports instead and says so for each', async () => {
    // Prepare: hold 3000, 4566 and 1883 ourselves unless something else already does.
    const holders = await Promise.all([3000, 4566, 1883].map(hold));
    const dir = await mkdtemp(join(tmpdir(), 'motorcade-cli-ports-'));
    const config = join(dir, 'motorcade.config.json');
    await writeFile(
      config,
      JSON.stringify({
        services: { provider: { template: join(FIXTURES, 'provider/template.yaml') } },
        parameters: { RecordDir: dir },
        environments: { ports: { account: '210987654321', region: 'eu-west-1' } },
      }),
    );
    const child = spawn(process.execPath, [BIN, 'dev', '--config', config, '--env', 'ports', '--no-watch']);
    let output = '';

    // Act
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`dev did not get ready:\n${output}`)), 30_000);
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          if (/ready in \d+ ms/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', () => reject(new Error(`dev exited:\n${output}`)));
      });
    } finally {
      child.kill('SIGKILL');
      await Promise.all(holders.map((server) => server && new Promise((resolve) => server.close(resolve))));
      await rm(dir, { recursive: true, force: true });
    }

    // Assess
    expect(output).toMatch(/port 4566 is taken, the edge listens on \d+ instead/);
    expect(output).toMatch(/port 3000 is taken, the gateway listens on \d+ instead/);
    expect(output).toMatch(/port 1883 is taken, the MQTT broker listens on \d+ instead/);
  }, 60_000);
});

/** Binds `port` on 127.0.0.1 if it is free; resolves undefined when something else holds it. */
async function hold(port: number): Promise<ReturnType<typeof createServer> | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
