import { describe, expect, it } from 'vitest';
import { RehearsalMissError, RehearsedRankings } from '../../src/service/rehearsed-nearest.js';

const pickup = { lat: 52.52, lon: 13.405 };

describe('rehearsed rankings', () => {
  it('serves the locked decision from the rehearsal, a subset keeping its order, without asking again', async () => {
    let asked = 0;
    const rankings = new RehearsedRankings((_, candidates) => {
      asked += 1;
      return [...candidates].sort().reverse();
    });
    expect(await rankings.recording(pickup, ['a', 'b', 'c'])).toEqual(['c', 'b', 'a']);
    expect(await rankings.replaying(pickup, ['a', 'c'])).toEqual(['c', 'a']);
    expect(asked).toBe(1);
  });

  it('misses when the locked decision wants a point or a vehicle the rehearsal did not rank', async () => {
    const rankings = new RehearsedRankings((_, candidates) => [...candidates]);
    await rankings.recording(pickup, ['a']);
    expect(() => rankings.replaying(pickup, ['a', 'new-vehicle'])).toThrow(RehearsalMissError);
    expect(() => rankings.replaying({ lat: 1, lon: 1 }, ['a'])).toThrow(RehearsalMissError);
  });
});
