import { describe, expect, it } from 'vitest';
import {
  type DevicePresence,
  presenceChanges,
  reportReceived,
  TRACKING_ERROR,
} from '../../src/domain/index.js';
import { caught } from './support/caught.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const secondsAgo = (seconds: number): Date => new Date(NOW.getTime() - seconds * 1000);
const device = (deviceId: string, silentFor: number, status: DevicePresence['status']): DevicePresence => ({
  deviceId,
  lastSeenAt: secondsAgo(silentFor),
  status,
});

describe('presenceChanges', () => {
  it('finds the online devices silent for longer than the timeout, and the offline ones heard from again', () => {
    // Prepare
    const devices = [
      device('quiet', 601, 'online'),
      device('chatty', 5, 'online'),
      device('back', 30, 'offline'),
      device('still-gone', 5000, 'offline'),
    ];

    // Act
    const { wentOffline, cameBack } = presenceChanges(devices, NOW, 600);

    // Assess
    expect(wentOffline).toEqual([
      { type: 'deviceOffline', deviceId: 'quiet', lastSeenAt: secondsAgo(601).toISOString() },
    ]);
    expect(cameBack).toEqual([
      { type: 'deviceOnline', deviceId: 'back', lastSeenAt: secondsAgo(30).toISOString() },
    ]);
  });

  it.each([
    ['silent for exactly the timeout', 600, []],
    ['silent one second longer', 601, ['d1']],
  ])('treats a device %s accordingly', (_name, silentFor, expected) => {
    const { wentOffline } = presenceChanges([device('d1', silentFor, 'online')], NOW, 600);

    expect(wentOffline.map(({ deviceId }) => deviceId)).toEqual(expected);
  });

  it('announces nothing when every status is already right, so a schedule repeats no event', () => {
    const devices = [device('a', 10, 'online'), device('b', 10_000, 'offline')];

    expect(presenceChanges(devices, NOW, 600)).toEqual({ wentOffline: [], cameBack: [] });
  });

  it('honours a configured timeout', () => {
    const devices = [device('a', 120, 'online')];

    expect(presenceChanges(devices, NOW, 60).wentOffline).toHaveLength(1);
    expect(presenceChanges(devices, NOW, 300).wentOffline).toHaveLength(0);
  });

  it('orders changes by device id', () => {
    const devices = ['c', 'a', 'b'].map((id) => device(id, 1000, 'online'));

    expect(presenceChanges(devices, NOW, 600).wentOffline.map(({ deviceId }) => deviceId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a timeout of %s', (timeout) => {
    expect(caught(() => presenceChanges([], NOW, timeout)).code).toBe(TRACKING_ERROR.invalidOption);
  });
});

describe('reportReceived', () => {
  it.each([
    ['never seen', undefined, true],
    ['offline', device('d1', 5000, 'offline'), true],
    ['online', device('d1', 10, 'online'), false],
  ])('announces deviceOnline only for a device that was %s', (_name, previous, announced) => {
    const { presence, change } = reportReceived(previous, 'd1', NOW);

    expect(presence).toEqual({ deviceId: 'd1', lastSeenAt: NOW, status: 'online' });
    expect(change !== null).toBe(announced);
  });

  it('never moves last-seen backwards for a request delivered late', () => {
    const previous = { deviceId: 'd1', lastSeenAt: NOW, status: 'online' as const };

    expect(reportReceived(previous, 'd1', secondsAgo(30)).presence.lastSeenAt).toEqual(NOW);
  });
});
