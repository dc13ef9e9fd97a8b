import { expect } from 'vitest';
import { PositionValidationError, TrackingError } from '../../../src/domain/index.js';

/** Runs `act`, which must throw a tracking error, and returns that error for assertions. */
export function caught(act: () => unknown): TrackingError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(TrackingError);
    return error as TrackingError;
  }
  throw new Error('expected a TrackingError, but nothing was thrown');
}

/** Runs `act`, which must throw a position validation error, and returns it. */
export function refusal(act: () => unknown): PositionValidationError {
  const error = caught(act);
  expect(error).toBeInstanceOf(PositionValidationError);
  return error as PositionValidationError;
}
