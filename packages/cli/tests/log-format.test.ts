import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../src/log-format.js';

const fn = 'local-items-CreateItem-AB12CD34EF56';

describe('the dev console', () => {
  it.each([
    ['START RequestId: 6f1c Version: $LATEST', undefined],
    ['END RequestId: 6f1c', undefined],
    [
      'REPORT RequestId: 6f1c\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB',
      'local-items-CreateItem | invoked in 12.34 ms (billed 13 ms · 45/128 MB) 6f1c',
    ],
    [
      'REPORT RequestId: 6f1c\tDuration: 1.00 ms\tBilled Duration: 54 ms\tMemory Size: 256 MB\tMax Memory Used: 50 MB\tInit Duration: 52.10 ms',
      'local-items-CreateItem | invoked in 1.00 ms (billed 54 ms · 50/256 MB · cold start 52.10 ms) 6f1c',
    ],
    [
      '2026-11-28T03:44:18.477Z\t6f1c\tINFO\tcreated item 7',
      'local-items-CreateItem | 2026-11-28T03:44:18.477Z\t6f1c\tINFO\tcreated item 7',
    ],
  ])('shows %j as %j', (line, expected) => {
    expect(formatLogLine({ functionName: fn, line })).toBe(expected);
  });
});
