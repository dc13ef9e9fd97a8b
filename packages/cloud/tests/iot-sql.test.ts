import { describe, expect, it } from 'vitest';
import {
  evaluateRule,
  IotPolicy,
  parseSql,
  type RuleMessage,
  SqlSyntaxError,
  topicMatches,
} from '../src/iot/index.js';

const PAYLOAD = {
  speed: 42,
  parked: false,
  status: 'moving',
  position: { lat: 52.37, lon: 4.89 },
  stops: [{ name: 'depot' }, { name: 'hub' }],
};

function message(payload: Buffer | object = PAYLOAD, topic = 'devices/truck-1/position'): RuleMessage {
  return {
    topic,
    payload: Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload)),
    clientId: 'client-7',
    principal: 'device',
    timestamp: 1_700_000_000_000,
  };
}

/** The rule's output as JSON, or 'no match'. */
function run(sql: string, input: RuleMessage = message()): unknown {
  const output = evaluateRule(parseSql(sql), input);
  if (!output) return 'no match';
  return output.kind === 'raw' ? { raw: output.payload.toString('base64') } : output.value;
}

describe('IoT SQL', () => {
  it.each([
    ["SELECT speed, status FROM 'devices/+/position'", { speed: 42, status: 'moving' }],
    ["SELECT position.lat AS lat, stops[1].name FROM 'devices/#'", { lat: 52.37, name: 'hub' }],
    [
      "SELECT topic() AS t, topic(2) AS device, clientid() AS c, timestamp() AS ts, principal() FROM 'devices/+/position'",
      {
        t: 'devices/truck-1/position',
        device: 'truck-1',
        c: 'client-7',
        ts: 1_700_000_000_000,
        principal: 'device',
      },
    ],
    ["SELECT *, topic(2) AS device FROM 'devices/+/position'", { ...PAYLOAD, device: 'truck-1' }],
    [
      "SELECT speed * 2 AS double, 'fixed' AS label, missing FROM 'devices/+/position'",
      { double: 84, label: 'fixed' },
    ],
    ["select speed from 'devices/+/position' where speed >= 42", { speed: 42 }],
  ])('%s', (sql, expected) => {
    // Act
    const result = run(sql);

    // Assess
    expect(result).toEqual(expected);
  });

  it.each([
    ["speed > 40 AND status = 'moving'", true],
    ['speed > 40 AND NOT parked', true],
    ['speed > 50 OR position.lat < 53', true],
    ["NOT (status = 'moving')", false],
    ["status <> 'idle'", true],
    ["status != 'idle'", true],
    ["speed = '42'", true],
    ['missing > 1', false],
    ['NOT missing', false],
    ['position.lat > 52 AND position.lon < 5', true],
    ["topic(2) = 'truck-1'", true],
  ])('WHERE %s is %s', (where, matches) => {
    // Act
    const result = run(`SELECT speed FROM 'devices/+/position' WHERE ${where}`);

    // Assess
    expect(result !== 'no match').toBe(matches);
  });

  it('passes a non-JSON payload through SELECT * and sees no fields in it', () => {
    // Prepare
    const binary = message(Buffer.from([1, 2, 3]));

    // Act
    const all = run("SELECT * FROM 'devices/+/position'", binary);
    const field = run("SELECT speed FROM 'devices/+/position' WHERE speed > 1", binary);
    const encoded = run("SELECT encode(*, 'base64') AS data FROM 'devices/+/position'", binary);

    // Assess
    expect(all).toEqual({ raw: 'AQID' });
    expect(field).toBe('no match');
    expect(encoded).toEqual({ data: 'AQID' });
  });

  it.each([
    ["SELECT FROM 'a'", /expected a value, a field or a function at character 8, found 'FROM'/],
    ['SELECT * FROM a/b', /expected a quoted topic filter after FROM at character 15/],
    ["SELECT * FROM 'a/#/b'", /a valid topic filter, not 'a\/#\/b'/],
    ["SELECT upper(x) FROM 'a'", /a function the local rules engine knows .* not upper\(\)/],
    ["SELECT * FROM 'a' WHERE", /expected a value, a field or a function at character 24, found the end/],
    ["SELECT * FROM 'a", /unterminated '-quoted text at character 15/],
  ])('refuses %s', (sql, error) => {
    // Act
    const parse = () => parseSql(sql);

    // Assess
    expect(parse).toThrow(SqlSyntaxError);
    expect(parse).toThrow(error);
  });

  it.each([
    ['devices/+/position', 'devices/truck-1/position', true],
    ['devices/+/position', 'devices/truck-1/speed', false],
    ['devices/#', 'devices', true],
    ['devices/#', 'devices/a/b/c', true],
    ['#', '$aws/things/x', false],
    ['+/x', 'a/b/x', false],
  ])('topic filter %s matches %s: %s', (filter, topic, expected) => {
    // Assess
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe('IoT policies', () => {
  const arn = (resource: string) => `arn:aws:iot:eu-west-1:123456789012:${resource}`;
  const policy = IotPolicy.fromDocuments([
    {
      Statement: [
        { Effect: 'Allow', Action: 'iot:*', Resource: 'arn:aws:iot:*:*:topic/devices/${iot:ClientId}/*' },
        { Effect: 'Deny', Action: ['iot:Publish'], Resource: [arn('topic/devices/truck-1/secrets')] },
        { Effect: 'Allow', Action: 'iot:Subscribe', Resource: arn('topicfilter/devices/+/position') },
        { Effect: 'Allow', Action: 'iot:Connect', Resource: '*', Condition: { Bool: { x: 'true' } } },
      ],
    },
  ]);
  const truck1 = { clientId: 'truck-1' };

  it.each([
    ['iot:Publish', 'topic/devices/truck-1/position', true],
    ['iot:Publish', 'topic/devices/truck-2/position', false],
    ['iot:Publish', 'topic/devices/truck-1/secrets', false],
    ['iot:Receive', 'topic/devices/truck-1/secrets', true],
    ['iot:Subscribe', 'topicfilter/devices/+/position', true],
    ['iot:Subscribe', 'topicfilter/devices/#', false],
    ['iot:Connect', 'client/truck-1', false],
  ] as const)('%s on %s is allowed: %s', (action, resource, expected) => {
    // Assess
    expect(policy.allows(action, arn(resource), truck1)).toBe(expected);
  });
});
