import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../src/index.js';

const ENVIRONMENTS = {
  staging: { account: '111111111111', region: 'eu-west-1' },
  production: { account: '222222222222', region: 'eu-west-1', canary: 'Canary10Percent5Minutes' },
};

describe('loadProjectConfig: canaries and monitoring', () => {
  let dir: string;
  let count = 0;

  const load = async (extra: Record<string, unknown>) => {
    count++;
    const file = join(dir, `config-${count}.json`);
    await writeFile(
      file,
      JSON.stringify({
        services: { a: { template: 'a/template.yaml' } },
        environments: ENVIRONMENTS,
        ...extra,
      }),
    );
    return loadProjectConfig(file);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-config-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps an environment canary and fills every monitoring default when the section is absent', async () => {
    // Act
    const config = await load({});

    // Assess
    expect(config.environments.production?.canary).toBe('Canary10Percent5Minutes');
    expect(config.environments.staging?.canary).toBeUndefined();
    expect(config.monitoring).toEqual({
      enabled: true,
      alarms: { functionErrors: 1, throttles: 1, queueAgeSeconds: 300, concurrentExecutionsPercent: 80 },
      alarmActions: [],
    });
  });

  it('overlays the thresholds the config gives on the defaults', async () => {
    // Act
    const config = await load({ monitoring: { alarms: { queueAgeSeconds: 900 } } });

    // Assess
    expect(config.monitoring.alarms).toEqual({
      functionErrors: 1,
      throttles: 1,
      queueAgeSeconds: 900,
      concurrentExecutionsPercent: 80,
    });
  });

  it.each([
    [
      {
        environments: {
          ...ENVIRONMENTS,
          production: { ...ENVIRONMENTS.production, canary: 'Canary5Percent' },
        },
      },
      /environments\.production\.canary: "Canary5Percent" is not a SAM DeploymentPreference type; use one of Canary10Percent5Minutes, .*AllAtOnce/,
    ],
    [
      { monitoring: { alarms: { concurrentExecutionsPercent: 120 } } },
      /monitoring\.alarms\.concurrentExecutionsPercent: /,
    ],
    [{ monitoring: { alarms: { errors: 2 } } }, /monitoring\.alarms: .*errors/],
    [{ monitoring: { alarmActions: ['ops@example.com'] } }, /monitoring\.alarmActions\.0: must be an ARN/],
  ])('refuses a bad canary or monitoring value, naming the field (%#)', async (extra, message) => {
    // Act
    const loading = load(extra);

    // Assess
    await expect(loading).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(message),
    });
  });
});
