import { describe, expect, it } from 'vitest';
import { deviceSecretMatches, newDeviceSecret } from '../../src/domain/device-secret.js';
import { mqttCredentials } from '../../src/lambda/iot-authorizer-event.js';

describe('device secrets', () => {
  it('are URL-safe, random, and proven against their hash only', () => {
    // Act
    const first = newDeviceSecret();
    const second = newDeviceSecret();

    // Assess
    expect(first.secret).toMatch(/^mcd_[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(first.secret)).toBe(first.secret);
    expect(first.secret).not.toBe(second.secret);
    expect(first.hash).not.toContain(first.secret.slice(4));
    expect(deviceSecretMatches(first.secret, first.hash)).toBe(true);
    expect(deviceSecretMatches(second.secret, first.hash)).toBe(false);
  });

  it('arrive base64-encoded as the MQTT password and are decoded', () => {
    // Prepare
    const { secret } = newDeviceSecret();

    // Act
    const credentials = mqttCredentials({
      protocolData: {
        mqtt: {
          username: 'device-1',
          password: Buffer.from(secret).toString('base64'),
          clientId: 'device-1',
        },
      },
    });

    // Assess
    expect(credentials).toEqual({ username: 'device-1', password: secret });
    expect(mqttCredentials({})).toEqual({});
  });
});
