/** What a simulation has done so far. */
export interface SimulationStats {
  vehiclesOnDuty: number;
  vehiclesBusy: number;
  positions: { osmand: number; mqtt: number };
  items: {
    created: number;
    offered: number;
    accepted: number;
    rejected: number;
    pickedUp: number;
    delivered: number;
  };
  errors: Record<string, number>;
}

/** A fresh, all-zero {@link SimulationStats}. */
export function emptyStats(): SimulationStats {
  return {
    vehiclesOnDuty: 0,
    vehiclesBusy: 0,
    positions: { osmand: 0, mqtt: 0 },
    items: { created: 0, offered: 0, accepted: 0, rejected: 0, pickedUp: 0, delivered: 0 },
    errors: {},
  };
}

/**
 * One status line: `12/20 on duty, 3 busy · positions 480 osmand 470 mqtt · items 9 created …`.
 * @example
 * log(`simulate: ${statusLine(stats)}`);
 */
export function statusLine(stats: SimulationStats): string {
  const items = stats.items;
  const errors = Object.entries(stats.errors)
    .map(([kind, count]) => `${kind} ×${count}`)
    .join(', ');
  return [
    `${stats.vehiclesOnDuty} on duty, ${stats.vehiclesBusy} busy`,
    `positions ${stats.positions.osmand} osmand, ${stats.positions.mqtt} mqtt`,
    `items ${items.created} created, ${items.offered} offered, ${items.accepted} accepted, ${items.rejected} rejected, ${items.pickedUp} picked up, ${items.delivered} delivered`,
    ...(errors ? [`errors ${errors}`] : []),
  ].join(' · ');
}
