import type { ApiClient } from '../api/api-client.js';
import { listOf, parseItem, parseOffer, parsePosition, parseVehicle } from './fleet-parse.js';
import type { Item, Offer, Position, Vehicle } from './fleet-types.js';

/** A trip or a stop of a vehicle, as tracking reports it (fields vary by kind). */
export type TripRecord = Record<string, unknown>;

/**
 * The fleet routes the dashboard reads (docs/fleet.md), parsed into the app's types.
 * @example
 * const fleet = new FleetApi(api);
 * const vehicles = await fleet.vehicles();
 */
export class FleetApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async vehicles(): Promise<Vehicle[]> {
    return listOf(await this.#api.get('/vehicles'), 'vehicles').map(parseVehicle);
  }

  async items(): Promise<Item[]> {
    return listOf(await this.#api.get('/items/org'), 'items').map(parseItem);
  }

  async item(itemId: string): Promise<Item> {
    const body = await this.#api.get<Record<string, unknown>>(`/items/org/${encodeURIComponent(itemId)}`);
    // Accept `{ item, timeline }` as well as the item with its timeline inside.
    const item =
      body.item && typeof body.item === 'object' ? { timeline: body.timeline, ...body.item } : body;
    return parseItem(item);
  }

  async latestPositions(): Promise<Position[]> {
    return listOf(await this.#api.get('/tracking/positions/latest'), 'positions')
      .map(parsePosition)
      .filter((position): position is Position => position !== undefined);
  }

  /** The vehicle's positions of the last `hours`, oldest first. */
  async trail(vehicleId: string, hours = 12): Promise<Position[]> {
    const body = await this.#api.get(
      `/tracking/vehicles/${encodeURIComponent(vehicleId)}/positions?${since(hours)}`,
    );
    return listOf(body, 'positions')
      .map((position) => parsePosition({ vehicleId, ...(position as object) }))
      .filter((position): position is Position => position !== undefined);
  }

  async trips(vehicleId: string, hours = 12): Promise<{ trips: TripRecord[]; stops: TripRecord[] }> {
    const body = await this.#api.get(
      `/tracking/vehicles/${encodeURIComponent(vehicleId)}/trips?${since(hours)}`,
    );
    return {
      trips: listOf(body, 'trips') as TripRecord[],
      stops: listOf(body, 'stops') as TripRecord[],
    };
  }

  /** The organisation's open offers (an older allocation service may not filter: closed ones are dropped). */
  async openOffers(): Promise<Offer[]> {
    const body = await this.#api.get('/allocation/offers?status=open');
    return listOf(body, 'offers')
      .filter((offer) => {
        const status = (offer as { status?: unknown }).status;
        return status === undefined || status === 'open' || status === 'offered';
      })
      .map(parseOffer)
      .filter((offer): offer is Offer => offer !== undefined);
  }
}

function since(hours: number): string {
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3_600_000);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
}
