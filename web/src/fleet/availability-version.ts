/**
 * Whether a `vehicleStatusChanged` with `incoming` version is newer than what the dashboard shows
 * (`known`). The bus may log two changes of one vehicle in the other order (docs/fleet.md, Order),
 * so arrival order is not the vehicle's order; its `version` is, counted by the vehicles service
 * one up with each availability change. A version missing on either side (an event or an API
 * answer from before versions) is taken at its word, as arrival order was before.
 * @example
 * isNewerAvailability(3, 2); // false: the change to version 2 arrived late
 */
export function isNewerAvailability(known: number | null, incoming: number | null): boolean {
  if (known === null || incoming === null) return true;
  return incoming > known;
}
