import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FleetChange, FleetStore } from '../fleet/fleet-store.js';
import { type Availability, FINISHED_ITEM_STATUSES, type Position } from '../fleet/fleet-types.js';
import { coordinateGrid } from './grid-layer.js';
import { tileAttribution } from './tile-settings.js';

/** Marker colours by availability (also in the legend and docs/dashboard.md). */
export const AVAILABILITY_COLOURS: Readonly<Record<Availability, string>> = {
  offline: '#8a9099',
  available: '#2f9e44',
  busy: '#f08c00',
};
const PICKUP_COLOUR = '#1c7ed6';
const DROPOFF_COLOUR = '#7048e8';
const OFFER_COLOUR = '#e8590c';

export interface FleetMapOptions {
  /** Tile URL template; without one only the coordinate grid is drawn. */
  readonly tileUrl: string | undefined;
  readonly onSelectVehicle: (vehicleId: string) => void;
  readonly onSelectItem: (itemId: string) => void;
}

/**
 * The live map: a marker per vehicle with a position, coloured by availability; each unfinished
 * item's pickup and drop-off; a dashed line from an item to the vehicle it is offered to; and the
 * selected vehicle's trail. Elements carry `data-testid` and `data-*` values for the browser test.
 * @example
 * const map = new FleetMap(element, store, { tileUrl, onSelectVehicle, onSelectItem });
 */
export class FleetMap {
  readonly #map: L.Map;
  readonly #store: FleetStore;
  readonly #options: FleetMapOptions;
  readonly #vehicles = new Map<string, L.CircleMarker>();
  readonly #items = L.layerGroup();
  readonly #offers = L.layerGroup();
  #trail: L.Polyline | undefined;
  #fitted = false;

  constructor(container: HTMLElement, store: FleetStore, options: FleetMapOptions) {
    this.#store = store;
    this.#options = options;
    this.#map = L.map(container, { preferCanvas: false, zoomControl: true }).setView([52.52, 13.405], 11);
    coordinateGrid().addTo(this.#map);
    if (options.tileUrl) {
      const tiles = L.tileLayer(options.tileUrl, {
        zIndex: 1,
        maxZoom: 19,
        attribution: tileAttribution(options.tileUrl),
      });
      // A tile that cannot be fetched is hidden, so the grid under it shows instead of a broken image.
      tiles.on('tileerror', (event: L.TileErrorEvent) => {
        event.tile.style.visibility = 'hidden';
      });
      tiles.addTo(this.#map);
    }
    this.#items.addTo(this.#map);
    this.#offers.addTo(this.#map);
    store.subscribe((change) => this.update(change));
  }

  /** Redraws what a change touches. */
  update(change: FleetChange): void {
    if (change === 'positions' || change === 'vehicles') this.#drawVehicles();
    if (change === 'items') this.#drawItems();
    if (change === 'items' || change === 'offers' || change === 'positions') this.#drawOffers();
    this.#fitOnce();
  }

  /** Draws a vehicle's trail (replacing the previous one) and shows it whole. */
  showTrail(positions: readonly Position[]): void {
    this.clearTrail();
    if (positions.length === 0) return;
    this.#trail = L.polyline(
      positions.map((position) => [position.lat, position.lon] as L.LatLngTuple),
      { color: '#343a40', weight: 3, opacity: 0.7, className: 'vehicle-trail' },
    ).addTo(this.#map);
    this.#trail.getElement()?.setAttribute('data-testid', 'vehicle-trail');
    this.#map.fitBounds(this.#trail.getBounds(), { padding: [40, 40], maxZoom: 16 });
  }

  clearTrail(): void {
    this.#trail?.remove();
    this.#trail = undefined;
  }

  /** After the map's container was hidden or resized. */
  resize(): void {
    this.#map.invalidateSize();
  }

  #drawVehicles(): void {
    for (const [vehicleId, marker] of this.#vehicles) {
      if (!this.#store.positions.has(vehicleId)) {
        marker.remove();
        this.#vehicles.delete(vehicleId);
      }
    }
    for (const position of this.#store.positions.values()) {
      const vehicle = this.#store.vehicles.get(position.vehicleId);
      const availability = vehicle?.availability ?? 'offline';
      const colour = AVAILABILITY_COLOURS[availability];
      let marker = this.#vehicles.get(position.vehicleId);
      if (!marker) {
        marker = L.circleMarker([position.lat, position.lon], {
          radius: 9,
          weight: 2,
          color: '#ffffff',
          fillOpacity: 0.95,
          className: 'vehicle-marker',
        }).addTo(this.#map);
        marker.on('click', () => this.#options.onSelectVehicle(position.vehicleId));
        this.#vehicles.set(position.vehicleId, marker);
      }
      marker.setLatLng([position.lat, position.lon]);
      marker.setStyle({ fillColor: colour });
      marker.bindTooltip(
        `${vehicle?.name ?? position.vehicleId} · ${availability}${position.speedKph !== null ? ` · ${Math.round(position.speedKph)} km/h` : ''}`,
      );
      setData(marker, {
        testid: 'vehicle-marker',
        'vehicle-id': position.vehicleId,
        availability,
        lat: String(position.lat),
        lon: String(position.lon),
        'fix-time': position.fixTime,
      });
    }
  }

  #drawItems(): void {
    this.#items.clearLayers();
    for (const item of this.#store.items.values()) {
      if (FINISHED_ITEM_STATUSES.has(item.status)) continue;
      const route = L.polyline(
        [
          [item.pickup.lat, item.pickup.lon],
          [item.dropoff.lat, item.dropoff.lon],
        ],
        { color: PICKUP_COLOUR, weight: 1.5, opacity: 0.5, dashArray: '2 6' },
      );
      const pickup = L.circleMarker([item.pickup.lat, item.pickup.lon], {
        radius: 6,
        weight: 2,
        color: PICKUP_COLOUR,
        fillColor: '#ffffff',
        fillOpacity: 1,
      }).bindTooltip(`${item.reference || item.itemId} · pickup · ${item.status}`);
      const dropoff = L.circleMarker([item.dropoff.lat, item.dropoff.lon], {
        radius: 5,
        weight: 2,
        color: DROPOFF_COLOUR,
        fillColor: DROPOFF_COLOUR,
        fillOpacity: 0.8,
      }).bindTooltip(`${item.reference || item.itemId} · drop-off`);
      for (const layer of [route, pickup, dropoff]) {
        layer.on('click', () => this.#options.onSelectItem(item.itemId));
        this.#items.addLayer(layer);
      }
      setData(pickup, { testid: 'item-pickup', 'item-id': item.itemId, status: item.status });
      setData(dropoff, { testid: 'item-dropoff', 'item-id': item.itemId, status: item.status });
    }
  }

  #drawOffers(): void {
    this.#offers.clearLayers();
    for (const offer of this.#store.offers.values()) {
      const item = this.#store.items.get(offer.itemId);
      const vehicle = this.#store.positions.get(offer.vehicleId);
      if (!item || !vehicle) continue;
      const line = L.polyline(
        [
          [item.pickup.lat, item.pickup.lon],
          [vehicle.lat, vehicle.lon],
        ],
        { color: OFFER_COLOUR, weight: 2.5, dashArray: '6 6' },
      ).bindTooltip(`offer ${offer.offerId}`);
      this.#offers.addLayer(line);
      setData(line, { testid: 'offer-line', 'offer-id': offer.offerId, 'item-id': offer.itemId });
    }
  }

  #fitOnce(): void {
    if (this.#fitted) return;
    const points: L.LatLngTuple[] = [
      ...[...this.#store.positions.values()].map((p) => [p.lat, p.lon] as L.LatLngTuple),
      ...[...this.#store.items.values()].map((i) => [i.pickup.lat, i.pickup.lon] as L.LatLngTuple),
    ];
    if (points.length === 0) return;
    this.#fitted = true;
    this.#map.fitBounds(L.latLngBounds(points), { padding: [60, 60], maxZoom: 14 });
  }
}

/** Sets `data-*` attributes on a vector layer's SVG element (`testid` becomes `data-testid`). */
function setData(layer: L.Path, values: Record<string, string>): void {
  const element = layer.getElement();
  if (!element) return;
  for (const [name, value] of Object.entries(values)) element.setAttribute(`data-${name}`, value);
}
