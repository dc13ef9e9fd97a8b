import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';
import { DashboardSocket } from './support/dashboard-socket.js';
import { type RealtimeCloud, startRealtimeCloud } from './support/realtime-cloud.js';

// One local cloud for the file: the bus, users, realtime, and a queue standing in for tracking's feed.
let cloud: RealtimeCloud;
let acme: Tenant;
let globex: Tenant;
const sockets: DashboardSocket[] = [];

beforeAll(async () => {
  cloud = await startRealtimeCloud();
  [acme, globex] = await Promise.all([seedTenant(cloud, 'acme'), seedTenant(cloud, 'globex')]);
}, 180_000);
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await cloud?.stop();
});

/** Opens a dashboard connection with a user's access token (closed after the file). */
async function connect(token: string): Promise<DashboardSocket> {
  const socket = await DashboardSocket.open(`${cloud.webSocketUrl}?token=${encodeURIComponent(token)}`);
  sockets.push(socket);
  return socket;
}

async function storedConnections(orgId: string): Promise<{ user_id: string; role: string }[]> {
  const { rows } = await cloud.db.query<{ user_id: string; role: string }>(
    'SELECT user_id, role FROM realtime.connections WHERE org_id = $1 ORDER BY connected_at',
    [orgId],
  );
  return rows;
}

/** Waits until a function has logged a line containing every fragment (its work is then done). */
async function logged(...fragments: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!cloud.logs.some((entry) => fragments.every((fragment) => entry.line.includes(fragment)))) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for a log line with ${fragments.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('connecting', () => {
  it.each([
    ['no token', '', 401],
    ['a token that is not a JWT', '?token=not-a-token', 401],
    ['a token signed with another key', `?token=${forgedToken()}`, 401],
  ])('refuses the upgrade with %s', async (_case, query, status) => {
    // Act
    const outcome = await DashboardSocket.attempt(`${cloud.webSocketUrl}${query}`);

    // Assess
    expect(outcome).toBe(status);
  });

  it('accepts a user’s access token, remembers the connection for the organisation and answers a ping', async () => {
    // Act
    const socket = await connect(acme.tokens.driver1);
    await socket.ping();

    // Assess
    expect(socket.ofType('pong')).toEqual([{ type: 'pong' }]);
    expect(await storedConnections(acme.orgId)).toContainEqual({
      user_id: acme.userIds.driver1,
      role: 'driver',
    });
  });

  it('answers an unknown action with an error naming the one it understands', async () => {
    // Prepare
    const socket = await connect(acme.tokens.dispatcher);

    // Act
    socket.send(JSON.stringify({ action: 'subscribe', vehicleId: 'truck-1' }));
    const answer = await socket.waitFor((frame) => frame.type === 'error', 'an error frame');

    // Assess
    expect(answer).toEqual({
      type: 'error',
      error: { code: 'UNKNOWN_ACTION', message: expect.stringContaining('ping') },
    });
  });

  it('forgets a connection when the browser closes it ($disconnect)', async () => {
    // Prepare
    const socket = await DashboardSocket.open(`${cloud.webSocketUrl}?token=${globex.tokens.driver1}`);
    await until(
      async () => (await storedConnections(globex.orgId)).some((row) => row.role === 'driver'),
      'the connection to be stored',
    );

    // Act
    await socket.close();

    // Assess
    await until(
      async () => !(await storedConnections(globex.orgId)).some((row) => row.role === 'driver'),
      'the connection to be forgotten',
    );
  });
});

describe('pushing fleet events', () => {
  it('pushes an event to every connection of its organisation and to no other', async () => {
    // Prepare
    const admin = await connect(acme.tokens.admin);
    const dispatcher = await connect(acme.tokens.dispatcher);
    const outsider = await connect(globex.tokens.admin);
    const detail = {
      vehicleId: 'truck-7',
      orgId: acme.orgId,
      availability: 'available',
      previous: 'offline',
      reason: 'onDuty',
    };

    // Act
    const eventId = await cloud.postEvent('vehicleStatusChanged', detail);

    // Assess
    const expected = {
      type: 'event',
      event: { id: eventId, type: 'vehicleStatusChanged', time: expect.any(String), detail },
    };
    for (const socket of [admin, dispatcher]) {
      expect(await socket.waitFor((frame) => frame.type === 'event', 'the event')).toEqual(expected);
    }
    await logged('Event pushed', `"eventId":"${eventId}"`);
    await outsider.ping();
    expect(outsider.ofType('event')).toEqual([]);
  });

  it('forgets a connection whose push answers GoneException (its $disconnect never ran)', async () => {
    // Prepare: a connection the API no longer has, as after a lost $disconnect on AWS.
    const live = await connect(acme.tokens.admin);
    await cloud.db.query(
      `INSERT INTO realtime.connections (connection_id, org_id, user_id, role, connected_at)
       VALUES ('Gone0ConnectId=', $1, $2, 'dispatcher', now() - interval '3 hours')`,
      [acme.orgId, acme.userIds.dispatcher],
    );

    // Act
    const eventId = await cloud.postEvent('itemCreated', {
      itemId: '5f0e0a4e-3f5c-4d7e-9a59-2c1b0b7d8e11',
      orgId: acme.orgId,
      reference: 'PO-1',
    });

    // Assess
    await live.waitFor((frame) => (frame.event as { id?: string } | undefined)?.id === eventId, 'the event');
    await until(async () => {
      const { rows } = await cloud.db.query(
        `SELECT 1 FROM realtime.connections WHERE connection_id = 'Gone0ConnectId='`,
      );
      return rows.length === 0;
    }, 'the gone connection to be forgotten');
    await logged('Event pushed', `"eventId":"${eventId}"`, '"gone":1');
  });
});

describe('pushing the position feed', () => {
  it('coalesces a batch into one message per connection with the newest fix of each vehicle', async () => {
    // Prepare: 50 fixes of 5 vehicles over 3 feed messages, the newest of a vehicle in any of them.
    const sockets = [await connect(acme.tokens.admin), await connect(acme.tokens.driver1)];
    const outsider = await connect(globex.tokens.dispatcher);
    const start = Date.parse('2026-11-28T10:00:00Z');
    const fixes = Array.from({ length: 50 }, (_, index) => ({
      vehicleId: `van-${index % 5}`,
      deviceId: `device-${index % 5}`,
      lat: 51.5 + index / 1000,
      lon: -0.12 - index / 1000,
      // A scrambled order of fix times: the newest fix is not the last one sent.
      fixTime: new Date(start + ((index * 37) % 50) * 1000).toISOString(),
      speedKph: index,
      heading: (index * 7) % 360,
    }));
    const newest = [
      ...new Map(
        [...fixes]
          .sort((a, b) => Date.parse(a.fixTime) - Date.parse(b.fixTime))
          .map((fix) => [fix.vehicleId, fix]),
      ).values(),
    ];

    // Act
    const sent = await cloud.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: cloud.feedQueueUrl,
        Entries: [0, 1, 2].map((part) => ({
          Id: `part-${part}`,
          MessageBody: JSON.stringify({
            orgId: acme.orgId,
            positions: fixes.filter((_, index) => index % 3 === part),
          }),
        })),
      }),
    );

    // Assess
    expect(sent.Successful).toHaveLength(3);
    for (const socket of sockets) {
      const frame = await socket.waitFor((candidate) => candidate.type === 'positions', 'positions');
      expect(frame.positions).toEqual(expect.arrayContaining(newest));
      expect(frame.positions).toHaveLength(5);
    }
    await until(async () => (await queueDepth()) === 0, 'the feed batch to be done');
    for (const socket of [...sockets, outsider]) await socket.ping();
    expect(sockets.map((socket) => socket.ofType('positions').length)).toEqual([1, 1]);
    expect(outsider.ofType('positions')).toEqual([]);
    await logged('Positions pushed', '"messages":3', '"positionsIn":50', '"positionsOut":5');
  });

  it('reports a message that is not a feed message as failed, and pushes the rest', async () => {
    // Prepare
    const socket = await connect(acme.tokens.dispatcher);
    const fix = {
      vehicleId: 'van-9',
      deviceId: 'device-9',
      lat: 51.5,
      lon: -0.1,
      fixTime: '2026-11-28T11:00:00Z',
      speedKph: 12,
      heading: 90,
    };

    // Act
    await cloud.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: cloud.feedQueueUrl,
        Entries: [
          { Id: 'good', MessageBody: JSON.stringify({ orgId: acme.orgId, positions: [fix] }) },
          {
            Id: 'bad',
            MessageBody: JSON.stringify({ orgId: acme.orgId, positions: [{ ...fix, lat: 'north' }] }),
          },
        ],
      }),
    );

    // Assess
    const frame = await socket.waitFor((candidate) => candidate.type === 'positions', 'positions');
    expect(frame.positions).toEqual([fix]);
    await logged('Not a position feed message', 'positions.0.lat');
    await until(
      async () => (await queueDepth('ApproximateNumberOfMessagesNotVisible')) === 1,
      'the bad message to be kept',
    );
  });
});

async function queueDepth(
  attribute: 'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible' | 'all' = 'all',
): Promise<number> {
  const { Attributes = {} } = await cloud.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: cloud.feedQueueUrl, AttributeNames: ['All'] }),
  );
  const visible = Number(Attributes.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  if (attribute === 'ApproximateNumberOfMessages') return visible;
  if (attribute === 'ApproximateNumberOfMessagesNotVisible') return inFlight;
  return visible + inFlight;
}

/** A well-formed JWT signed with a key the users service does not have. */
function forgedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '00000000-0000-4000-8000-000000000000', exp: 4102444800 })}.${Buffer.from('not the signature').toString('base64url')}`;
}
