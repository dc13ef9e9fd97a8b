import type { ReceivedMessage } from './sqs-message.js';

/**
 * Which messages of a successfully invoked batch failed. Without `ReportBatchItemFailures` none
 * did. With it, Lambda reads `batchItemFailures[].itemIdentifier`: a null or empty response or
 * list means none failed; a response that is not JSON, or an identifier that is empty, missing,
 * not a string or not a message of the batch, fails the whole batch (`'all'`).
 */
export function batchOutcome(
  payload: Buffer,
  batch: readonly ReceivedMessage[],
  reportBatchItemFailures: boolean,
): ReadonlySet<string> | 'all' {
  const none = new Set<string>();
  if (!reportBatchItemFailures) return none;
  const text = payload.toString('utf8').trim();
  if (text === '') return none;
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch {
    return 'all';
  }
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return none;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return none;
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set(batch.map((received) => received.message.id));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}
