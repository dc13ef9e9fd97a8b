import type { FleetStore } from '../fleet/fleet-store.js';
import { AVAILABILITIES } from '../fleet/fleet-types.js';
import { AVAILABILITY_COLOURS } from '../map/fleet-map.js';
import { el, replaceChildren, timeOf } from '../ui/dom.js';

/**
 * The vehicles list with an availability filter; a click selects the vehicle (its trail and trips).
 * @example
 * container.append(vehiclesPanel(store, (id) => showVehicle(id)));
 */
export function vehiclesPanel(store: FleetStore, onSelect: (vehicleId: string) => void): HTMLElement {
  let filter = '';
  const list = el('ul', { class: 'rows', 'data-testid': 'vehicle-list' });
  const select = el(
    'select',
    {
      'data-testid': 'vehicle-filter',
      'aria-label': 'Filter vehicles by availability',
      onchange: (event: Event) => {
        filter = (event.target as HTMLSelectElement).value;
        render();
      },
    },
    el('option', { value: '' }, 'all'),
    ...AVAILABILITIES.map((availability) => el('option', { value: availability }, availability)),
  );
  const count = el('span', { class: 'count' });
  const render = (): void => {
    const vehicles = [...store.vehicles.values()]
      .filter((vehicle) => !filter || vehicle.availability === filter)
      .sort((a, b) => a.name.localeCompare(b.name));
    count.textContent = String(vehicles.length);
    replaceChildren(
      list,
      ...vehicles.map((vehicle) => {
        const position = store.positions.get(vehicle.vehicleId);
        return el(
          'li',
          {
            class: 'row',
            'data-testid': 'vehicle-row',
            'data-vehicle-id': vehicle.vehicleId,
            'data-availability': vehicle.availability,
            onclick: () => onSelect(vehicle.vehicleId),
          },
          el('span', { class: 'dot', style: `background:${AVAILABILITY_COLOURS[vehicle.availability]}` }),
          el('span', { class: 'main' }, vehicle.name, el('small', {}, ` ${vehicle.plate}`)),
          el('span', { class: 'badge', 'data-testid': 'vehicle-availability' }, vehicle.availability),
          el(
            'small',
            { class: 'meta', 'data-testid': 'vehicle-position' },
            position
              ? `${position.lat.toFixed(5)}, ${position.lon.toFixed(5)} · ${timeOf(position.fixTime)}`
              : 'no position',
          ),
        );
      }),
    );
  };
  store.subscribe((change) => {
    if (change === 'vehicles' || change === 'positions') render();
  });
  render();
  return el(
    'section',
    { class: 'panel', 'data-testid': 'vehicles-panel' },
    el('header', {}, el('h2', {}, 'Vehicles ', count), select),
    list,
  );
}
