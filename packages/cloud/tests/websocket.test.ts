import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LocalCloud } from '../src/index.js';
import { createTestProject, type TestProject } from './support/test-project.js';

describe('WebSocket APIs', () => {
  let project: TestProject;
  let cloud: LocalCloud;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    project = await createTestProject();
    const config = await project.config(
      { chat: { template: 'websocket/template.yaml' } },
      new URL('./fixtures/', import.meta.url).pathname,
    );
    await project.cloud.stop();
    cloud = await LocalCloud.start({
      environments: [
        {
          name: 'test',
          accountId: '123456789012',
          region: 'eu-west-1',
          concurrency: 20,
          stateDir: project.stateDir,
        },
      ],
      logSink: (entry) => logs.push(entry.line),
      gatewayPort: 0,
    });
    await cloud.deployProject(config, 'test');
    const listing = (await (await fetch(`${cloud.edgeUrl}/_motorcade/stacks?env=test`)).json()) as {
      stacks: { apis: { url: string }[] }[];
    };
    url = listing.stacks[0]?.apis[0]?.url ?? '';
  });
  afterAll(async () => {
    await cloud.stop();
    await project.dispose();
  });

  /** Connects, resolving the socket once open, or the HTTP status the upgrade was refused with. */
  const connect = (query: string): Promise<WebSocket | number> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(`${url}${query}`);
      socket.once('open', () => resolve(socket));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', reject);
    });
  const nextMessage = (socket: WebSocket): Promise<string> =>
    new Promise((resolve) => socket.once('message', (data) => resolve(String(data))));

  it('lists the API with its ws:// URL under the service', () => {
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/chat$/);
  });

  it.each([
    ['no token', '', 401],
    ['a token the authorizer refuses', '?token=nope', 401],
    ['a Deny policy', '?token=deny', 403],
    ['a $connect integration answering 403', '?token=letmein&refuse=1', 403],
  ])('refuses the upgrade with %s', async (_case, query, status) => {
    expect(await connect(query)).toBe(status);
  });

  it('routes by the selection expression, answers two-way routes, and pushes through @connections', async () => {
    // Prepare
    const socket = (await connect('?token=letmein')) as WebSocket;

    // Act
    const reply = nextMessage(socket);
    socket.send('{"action":"unknown-route","n":1}');
    const defaultAnswer = await reply;
    const pushed = nextMessage(socket);
    socket.send(JSON.stringify({ action: 'sendmessage', text: 'hello' }));
    const pushedAnswer = JSON.parse(await pushed);

    // Assess
    expect(defaultAnswer).toBe('default:{"action":"unknown-route","n":1}');
    expect(pushedAnswer).toEqual({
      echo: 'hello',
      from: expect.stringMatching(/^[A-Za-z0-9]{15}=$/),
      orgId: 'org-7',
      sourceIp: '127.0.0.1',
    });
    socket.close();
  });

  it('answers GoneException for a closed connection and runs $disconnect', async () => {
    // Prepare
    const gone = (await connect('?token=letmein')) as WebSocket;
    const goneId = await idOf(gone);
    gone.close();
    await waitFor(() => logs.some((line) => line.includes(`$disconnect ${goneId} DISCONNECT`)));
    const socket = (await connect('?token=letmein')) as WebSocket;

    // Act
    const answer = nextMessage(socket);
    socket.send(JSON.stringify({ action: 'sendmessage', text: 'anyone?', to: goneId }));

    // Assess
    expect(JSON.parse(await answer)).toEqual({ error: 'GoneException' });
    socket.close();
  });

  async function idOf(socket: WebSocket): Promise<string> {
    const pushed = nextMessage(socket);
    socket.send(JSON.stringify({ action: 'sendmessage', text: 'who am I' }));
    return (JSON.parse(await pushed) as { from: string }).from;
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
