/** The largest id a PostgreSQL bigint holds. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/**
 * The id of the bus event that caused a new one, when its `causationId` names one. The library's
 * listener stamps the id of the event being handled as the causation id of every event posted
 * while handling it; the bus's ids are integers, so an integer causation id points into the log
 * (anything else — a request id — starts a new chain).
 * @example
 * causingEventId('42'); // '42'
 * causingEventId('c6af9ac6-7b61-11e6-9a41-93e8deadbeef'); // undefined
 */
export function causingEventId(causationId: string | undefined): string | undefined {
  if (causationId === undefined || !/^[1-9]\d{0,18}$/.test(causationId)) return undefined;
  return BigInt(causationId) <= MAX_BIGINT ? causationId : undefined;
}

/**
 * The refusal message for a chain deeper than the limit.
 * @example
 * causationTooDeepMessage(17, 16);
 */
export function causationTooDeepMessage(depth: number, limit: number): string {
  return `The event would be number ${depth} in one causation chain; the limit is ${limit}, so a listener that re-emits its own trigger cannot run away`;
}
