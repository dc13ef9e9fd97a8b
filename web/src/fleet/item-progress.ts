/**
 * How far along its lifecycle each item status is (docs/fleet.md, items). An item only ever moves
 * forward — `created → allocating → allocated → picked_up →` a final status — but the bus does not
 * promise ordered delivery, so `itemStatusChanged` events can arrive out of order: a status that
 * is not further along than the one shown is a late event, never a step back.
 */
const PROGRESS: Readonly<Record<string, number>> = {
  created: 0,
  allocating: 1,
  allocated: 2,
  picked_up: 3,
  delivered: 4,
  cancelled: 4,
  failed: 4,
  unallocated: 4,
};

/**
 * Whether `next` moves an item on from `current`; false for a late (or repeated) status. An unknown
 * status is taken at its word: a newer service may have added one.
 * @example
 * movesForward('allocated', 'allocating'); // false: the allocating event came late
 */
export function movesForward(current: string, next: string): boolean {
  const from = PROGRESS[current];
  const to = PROGRESS[next];
  if (from === undefined || to === undefined) return true;
  return to > from;
}
