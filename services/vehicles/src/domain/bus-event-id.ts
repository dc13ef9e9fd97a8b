/**
 * A bus event id when `id` is one: the bus numbers the events it logs with strictly increasing
 * integers (a bigint, carried as a string). Anything else did not come through the bus's log.
 * @example
 * const eventId = busEventId(event.id); // '42', or undefined for 'not-a-bus-id'
 */
export function busEventId(id: string): string | undefined {
  return /^[1-9]\d{0,18}$/.test(id) ? id : undefined;
}

/**
 * Whether the event `eventId` comes after `last` (null: nothing applied yet), so it may change
 * what older events decided. A repeated or late event is not newer.
 * @example
 * if (!isNewerEvent('41', vehicle.lastEventId)) return stale;
 */
export function isNewerEvent(eventId: string, last: string | null): boolean {
  return last === null || BigInt(eventId) > BigInt(last);
}
