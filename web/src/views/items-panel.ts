import type { FleetStore } from '../fleet/fleet-store.js';
import { ITEM_STATUSES } from '../fleet/fleet-types.js';
import { el, replaceChildren, timeOf } from '../ui/dom.js';

/** Items are shown newest first, at most this many (the filter narrows the rest). */
const MAX_ROWS = 200;

/**
 * The organisation's items with a status filter; a click opens the item's timeline.
 * @example
 * container.append(itemsPanel(store, (id) => showItem(id)));
 */
export function itemsPanel(store: FleetStore, onSelect: (itemId: string) => void): HTMLElement {
  let filter = '';
  const list = el('ul', { class: 'rows', 'data-testid': 'item-list' });
  const count = el('span', { class: 'count' });
  const select = el(
    'select',
    {
      'data-testid': 'item-filter',
      'aria-label': 'Filter items by status',
      onchange: (event: Event) => {
        filter = (event.target as HTMLSelectElement).value;
        render();
      },
    },
    el('option', { value: '' }, 'all'),
    ...ITEM_STATUSES.map((status) => el('option', { value: status }, status.replace('_', ' '))),
  );
  const render = (): void => {
    const items = [...store.items.values()]
      .filter((item) => !filter || item.status === filter)
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    count.textContent = String(items.length);
    replaceChildren(
      list,
      ...items.slice(0, MAX_ROWS).map((item) => {
        const vehicle = item.vehicleId ? store.vehicles.get(item.vehicleId) : undefined;
        return el(
          'li',
          {
            class: 'row',
            'data-testid': 'item-row',
            'data-item-id': item.itemId,
            'data-status': item.status,
            onclick: () => onSelect(item.itemId),
          },
          el('span', { class: 'main' }, item.reference || item.itemId.slice(0, 8)),
          el('span', { class: `badge status-${item.status}`, 'data-testid': 'item-status' }, item.status),
          el(
            'small',
            { class: 'meta' },
            `${item.pickup.address ?? `${item.pickup.lat.toFixed(4)}, ${item.pickup.lon.toFixed(4)}`}`,
            vehicle ? ` → ${vehicle.name}` : '',
            ` · ${timeOf(item.createdAt)}`,
          ),
        );
      }),
    );
  };
  store.subscribe((change) => {
    if (change === 'items' || change === 'vehicles') render();
  });
  render();
  return el(
    'section',
    { class: 'panel', 'data-testid': 'items-panel' },
    el('header', {}, el('h2', {}, 'Items ', count), select),
    list,
  );
}
