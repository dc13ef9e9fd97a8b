import { z } from 'zod';
import {
  type BatchProblem,
  BatchValidationError,
  PositionValidationError,
  TRACKING_ERROR,
} from './errors.js';
import type { Position } from './position.js';
import { parsePositionInput, positionInputSchema } from './position-input.js';

/** The most positions one batch may carry: about 300 KB of JSON, well inside Lambda's 6 MB payload. */
export const MAX_BATCH_SIZE = 1000;

/** How many of a refused batch's problems are reported; the count says how many there were. */
export const MAX_REPORTED_PROBLEMS = 20;

/** The body of the JSON batch endpoint: `{ "positions": [ … ] }`, each naming its device. */
export const positionBatchSchema = z.strictObject({
  positions: z.array(positionInputSchema).min(1).max(MAX_BATCH_SIZE),
});
/** A batch of positions from a gateway or bulk sender. */
export type PositionBatch = z.infer<typeof positionBatchSchema>;

/**
 * Validates and normalises a batch. All or nothing: one bad position refuses the batch, so a
 * sender never has to work out which half was stored; the error lists each problem (up to
 * {@link MAX_REPORTED_PROBLEMS}) with its index. Positions keep their order; repeats are kept too
 * (see `uniquePositions`) so the caller decides how to count them.
 * @throws PositionValidationError `MALFORMED_BODY`, `EMPTY_BATCH` or `BATCH_TOO_LARGE` for the
 * batch itself; BatchValidationError (`INVALID_BATCH`) for bad positions
 * @example
 * const positions = parsePositionBatch(JSON.parse(event.body), new Date());
 */
export function parsePositionBatch(body: unknown, now: Date): Position[] {
  const items = batchItems(body);
  const positions: Position[] = [];
  const problems: BatchProblem[] = [];
  let total = 0;
  items.forEach((item, index) => {
    try {
      positions.push(parsePositionInput(item, now, `positions[${index}]`));
    } catch (error) {
      if (!(error instanceof PositionValidationError)) throw error;
      total += 1;
      if (problems.length < MAX_REPORTED_PROBLEMS)
        problems.push({ index, field: error.field, code: error.code, message: error.message });
    }
  });
  if (total > 0) throw new BatchValidationError(problems, total);
  return positions;
}

// The size is checked before any position is, so an oversized batch costs nothing to refuse.
function batchItems(body: unknown): readonly unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new PositionValidationError(
      TRACKING_ERROR.malformedBody,
      'body',
      undefined,
      'must be { "positions": [ … ] }',
    );
  const unknownKey = Object.keys(body).find((key) => key !== 'positions');
  if (unknownKey !== undefined)
    throw new PositionValidationError(
      TRACKING_ERROR.unknownField,
      unknownKey,
      undefined,
      'is not a known field',
    );
  const positions = 'positions' in body ? body.positions : undefined;
  if (positions === undefined)
    throw new PositionValidationError(TRACKING_ERROR.missingField, 'positions', undefined, 'is required');
  if (!Array.isArray(positions))
    throw new PositionValidationError(
      TRACKING_ERROR.malformedBody,
      'positions',
      undefined,
      'must be an array',
    );
  if (positions.length === 0)
    throw new PositionValidationError(
      TRACKING_ERROR.emptyBatch,
      'positions',
      undefined,
      'is empty: send at least one',
    );
  if (positions.length > MAX_BATCH_SIZE)
    throw new PositionValidationError(
      TRACKING_ERROR.batchTooLarge,
      'positions',
      undefined,
      `has ${positions.length} entries; at most ${MAX_BATCH_SIZE} per batch — split it`,
    );
  return positions;
}
