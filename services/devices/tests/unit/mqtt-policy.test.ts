import { randomUUID } from 'node:crypto';
import { IotPolicy } from '@motorcade/cloud';
import { describe, expect, it } from 'vitest';
import { allowDevice, denyDevice } from '../../src/domain/mqtt-policy.js';

const PREFIX = 'arn:aws:iot:eu-west-1:123456789012';
const device = { deviceId: randomUUID(), orgId: randomUUID(), vehicleId: 'truck-7', uniqueId: '123' };
const other = randomUUID();

describe('the MQTT device policy', () => {
  // Evaluated by the local cloud's IoT policy engine, which follows IoT Core's rules.
  const answer = allowDevice(device, PREFIX);
  const policy = IotPolicy.fromDocuments(answer.policyDocuments ?? []);
  const allows = (action: Parameters<IotPolicy['allows']>[0], resource: string, clientId = device.deviceId) =>
    policy.allows(action, `${PREFIX}:${resource}`, { clientId });

  it('authenticates the device under a principal IoT accepts (letters and digits)', () => {
    // Assess
    expect(answer.isAuthenticated).toBe(true);
    expect(answer.principalId).toMatch(/^[a-zA-Z0-9]{1,128}$/);
    expect(answer.principalId).toBe(device.deviceId.replaceAll('-', ''));
  });

  it('lets the device connect only as itself', () => {
    // Act & Assess
    expect(allows('iot:Connect', `client/${device.deviceId}`)).toBe(true);
    expect(allows('iot:Connect', `client/${other}`, other)).toBe(false);
  });

  it.each([
    ['iot:Publish', `topic/fleet/${device.deviceId}/position`, true],
    ['iot:Receive', `topic/fleet/${device.deviceId}/commands`, true],
    ['iot:Subscribe', `topicfilter/fleet/${device.deviceId}/commands`, true],
    ['iot:Publish', `topic/fleet/${other}/position`, false],
    ['iot:Subscribe', `topicfilter/fleet/${other}/commands`, false],
    ['iot:Subscribe', 'topicfilter/fleet/#', false],
    ['iot:Publish', 'topic/positions', false],
  ] as const)('decides %s on %s: %s', (action, resource, allowed) => {
    // Act & Assess
    expect(allows(action, resource)).toBe(allowed);
  });

  it('asks again within IoT Core’s limits, so a revoked device is cut off', () => {
    // Assess
    expect(answer.refreshAfterInSeconds).toBeGreaterThanOrEqual(300);
    expect(answer.disconnectAfterInSeconds).toBeLessThanOrEqual(86_400);
  });

  it('refuses everything else outright', () => {
    // Act & Assess
    expect(denyDevice()).toEqual({ isAuthenticated: false });
  });
});
