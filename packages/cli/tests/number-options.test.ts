import { describe, expect, it } from 'vitest';
import { simulationSettings } from '../src/commands/simulate.js';
import { decimalOption, portOption, wholeNumberOption } from '../src/number-options.js';

describe('wholeNumberOption', () => {
  it('reads digits within the range', () => {
    expect(wholeNumberOption('--seed', '0', 0, 10)).toBe(0);
    expect(wholeNumberOption('--seed', '10', 0, 10)).toBe(10);
  });

  it.each(['', ' ', ' 3', '1e2', '0x10', '2.5', '-1', 'x', '11'])(
    'refuses %j naming the option and range',
    (value) => {
      expect(() => wholeNumberOption('--seed', value, 0, 10)).toThrow(
        `--seed ${value} must be a whole number from 0 to 10`,
      );
    },
  );
});

describe('decimalOption', () => {
  it('reads plain decimals within the range', () => {
    expect(decimalOption('--reject-rate', '0.15', 0, 1)).toBe(0.15);
    expect(decimalOption('--reject-rate', '1', 0, 1)).toBe(1);
    expect(decimalOption('--offset', '-2.5', -3, 3)).toBe(-2.5);
  });

  it.each(['', ' ', '.5', '1.', '1e-1', '0x1', 'Infinity', 'NaN', '1.5'])('refuses %j', (value) => {
    expect(() => decimalOption('--reject-rate', value, 0, 1)).toThrow(
      `--reject-rate ${value} must be a number from 0 to 1`,
    );
  });
});

describe('portOption', () => {
  it('takes 0 only where any free port is meant', () => {
    expect(portOption('--port', '0', { allowEphemeral: true })).toBe(0);
    expect(() => portOption('--edge-port', '0')).toThrow('--edge-port 0 is not a port number (1 to 65535)');
    expect(portOption('--edge-port', '4566')).toBe(4566);
  });

  it.each(['', '65536', '-1', '80.5', 'abc', '1e3'])('refuses %j', (value) => {
    expect(() => portOption('--port', value, { allowEphemeral: true })).toThrow(
      `--port ${value} is not a port number (0 to 65535, 0 for any free port)`,
    );
  });
});

describe('the simulation options', () => {
  const settings = (extra: Record<string, string>) =>
    simulationSettings({ config: 'c', env: 'local', ...extra });

  it('reads every option as written', () => {
    expect(
      settings({
        vehicles: '12',
        itemsPerMinute: '1.5',
        centre: '-33.8688,151.2093',
        radiusKm: '4',
        reportEvery: '2.5',
        rejectRate: '0',
        mqttShare: '0.25',
        seed: '42',
      }),
    ).toEqual({
      vehicles: 12,
      itemsPerMinute: 1.5,
      centre: { lat: -33.8688, lon: 151.2093 },
      radiusKm: 4,
      reportEverySeconds: 2.5,
      rejectRate: 0,
      mqttShare: 0.25,
      seed: 42,
    });
  });

  it.each([
    [{ vehicles: '2.5' }, '--vehicles 2.5 must be a whole number from 1 to 1000'],
    [{ vehicles: '' }, '--vehicles  must be a whole number from 1 to 1000'],
    [{ vehicles: '1e2' }, '--vehicles 1e2 must be a whole number from 1 to 1000'],
    [{ rejectRate: '' }, '--reject-rate  must be a number from 0 to 1'],
    [{ centre: '52.52,' }, "--centre 52.52, must be 'latitude,longitude'"],
    [{ centre: '52.52,13.4,1' }, "--centre 52.52,13.4,1 must be 'latitude,longitude'"],
    [{ centre: '91,13.4' }, "--centre 91,13.4 must be 'latitude,longitude'"],
  ])('refuses %j', (extra, message) => {
    expect(() => settings(extra)).toThrow(message);
  });
});
