import type { FleetApi, TripRecord } from '../fleet/fleet-api.js';
import type { FleetStore } from '../fleet/fleet-store.js';
import type { FleetMap } from '../map/fleet-map.js';
import { dateTimeOf, el, replaceChildren, timeOf } from '../ui/dom.js';

/**
 * The panel under the lists: a selected vehicle (trail drawn on the map, trips and stops) or a
 * selected item (its timeline).
 * @example
 * const detail = new DetailPanel(fleet, store, map);
 * detail.showVehicle(vehicleId);
 */
export class DetailPanel {
  readonly element = el('section', { class: 'panel detail', 'data-testid': 'detail-panel', hidden: true });
  readonly #fleet: FleetApi;
  readonly #store: FleetStore;
  readonly #map: FleetMap;

  constructor(fleet: FleetApi, store: FleetStore, map: FleetMap) {
    this.#fleet = fleet;
    this.#store = store;
    this.#map = map;
  }

  async showVehicle(vehicleId: string): Promise<void> {
    const vehicle = this.#store.vehicles.get(vehicleId);
    this.#open(
      `Vehicle ${vehicle?.name ?? vehicleId}`,
      el('p', { class: 'muted' }, 'Loading trail and trips…'),
    );
    try {
      const [trail, { trips, stops }] = await Promise.all([
        this.#fleet.trail(vehicleId),
        this.#fleet.trips(vehicleId),
      ]);
      this.#map.showTrail(trail);
      this.#open(
        `Vehicle ${vehicle?.name ?? vehicleId}`,
        el(
          'p',
          { 'data-testid': 'trail-summary' },
          `${trail.length} positions in the last 12 hours`,
          vehicle ? ` · ${vehicle.vehicleType} · ${vehicle.plate} · ${vehicle.availability}` : '',
        ),
        recordTable('Trips', 'trip-row', trips),
        recordTable('Stops', 'stop-row', stops),
      );
    } catch (error) {
      this.#open(`Vehicle ${vehicleId}`, el('p', { class: 'error' }, (error as Error).message));
    }
  }

  async showItem(itemId: string): Promise<void> {
    this.#map.clearTrail();
    this.#open('Item', el('p', { class: 'muted' }, 'Loading timeline…'));
    try {
      const item = await this.#fleet.item(itemId);
      const vehicle = item.vehicleId ? this.#store.vehicles.get(item.vehicleId) : undefined;
      this.#open(
        `Item ${item.reference || item.itemId}`,
        el(
          'p',
          {},
          el('span', { class: `badge status-${item.status}` }, item.status),
          vehicle ? ` · ${vehicle.name}` : '',
        ),
        el('p', { class: 'muted' }, `${item.pickup.address ?? ''} → ${item.dropoff.address ?? ''}`),
        el(
          'ol',
          { class: 'timeline', 'data-testid': 'item-timeline' },
          ...item.timeline.map((entry) =>
            el(
              'li',
              { 'data-testid': 'timeline-entry', 'data-status': entry.status },
              el('time', {}, dateTimeOf(entry.at)),
              ` ${entry.status}`,
              entry.detail ? el('small', {}, ` — ${entry.detail}`) : '',
            ),
          ),
        ),
      );
    } catch (error) {
      this.#open('Item', el('p', { class: 'error' }, (error as Error).message));
    }
  }

  close(): void {
    this.element.hidden = true;
    this.#map.clearTrail();
  }

  #open(title: string, ...content: Node[]): void {
    this.element.hidden = false;
    replaceChildren(
      this.element,
      el(
        'header',
        {},
        el('h2', {}, title),
        el('button', { class: 'link', 'data-testid': 'detail-close', onclick: () => this.close() }, 'close'),
      ),
      ...content,
    );
  }
}

/** A small table of trips or stops: start, end and whatever distance or duration tracking gives. */
function recordTable(title: string, testid: string, records: readonly TripRecord[]): HTMLElement {
  if (records.length === 0) return el('p', { class: 'muted' }, `${title}: none`);
  const pick = (record: TripRecord, ...keys: string[]): unknown =>
    keys.map((key) => record[key]).find((v) => v != null);
  return el(
    'table',
    { class: 'records' },
    el('caption', {}, title),
    el('tr', {}, el('th', {}, 'from'), el('th', {}, 'to'), el('th', {}, 'distance / duration')),
    ...records.map((record) => {
      const metres = pick(record, 'distanceMetres', 'distance');
      const seconds = pick(record, 'durationSeconds', 'duration');
      return el(
        'tr',
        { 'data-testid': testid },
        el('td', {}, timeOf(pick(record, 'startTime', 'start', 'from', 'startedAt') as string)),
        el('td', {}, timeOf(pick(record, 'endTime', 'end', 'to', 'endedAt') as string)),
        el(
          'td',
          {},
          typeof metres === 'number' ? `${(metres / 1000).toFixed(2)} km` : '',
          typeof seconds === 'number' ? ` ${Math.round(seconds / 60)} min` : '',
        ),
      );
    }),
  );
}
