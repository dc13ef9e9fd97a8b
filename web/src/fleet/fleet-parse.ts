import type { Availability, Item, Offer, Place, Position, TimelineEntry, Vehicle } from './fleet-types.js';

type Json = Record<string, unknown>;

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
/** A vehicle's availability version (a count from 0), or null when there is none. */
export const availabilityVersion = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
const record = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/**
 * Reads a vehicle from an API answer (`availabilityVersion`) or an event detail (`version`); an
 * unknown availability reads as offline.
 * @example
 * const vehicles = body.vehicles.map(parseVehicle);
 */
export function parseVehicle(value: unknown): Vehicle {
  const v = record(value);
  const availability = text(v.availability);
  return {
    vehicleId: text(v.vehicleId ?? v.id),
    name: text(v.name, text(v.vehicleId ?? v.id)),
    plate: text(v.plate),
    vehicleType: text(v.vehicleType),
    capacityKg: numberOrNull(v.capacityKg) ?? 0,
    availability: (['offline', 'available', 'busy'].includes(availability)
      ? availability
      : 'offline') as Availability,
    driverId: textOrNull(v.driverId),
    onDuty: v.onDuty === true,
    availabilityVersion: availabilityVersion(v.availabilityVersion ?? v.version),
    updatedAt: text(v.updatedAt),
  };
}

/** Reads a position; undefined when it has no usable coordinates. */
export function parsePosition(value: unknown): Position | undefined {
  const p = record(value);
  const lat = numberOrNull(p.lat ?? p.latitude);
  const lon = numberOrNull(p.lon ?? p.longitude);
  const vehicleId = textOrNull(p.vehicleId);
  if (lat === null || lon === null || !vehicleId) return undefined;
  return {
    vehicleId,
    deviceId: text(p.deviceId),
    lat,
    lon,
    fixTime: text(p.fixTime),
    speedKph: numberOrNull(p.speedKph),
    heading: numberOrNull(p.heading),
  };
}

/** Reads a place (`{ lat, lon, address }`); undefined without coordinates. */
export function parsePlace(value: unknown): Place | undefined {
  const p = record(value);
  const lat = numberOrNull(p.lat);
  const lon = numberOrNull(p.lon);
  if (lat === null || lon === null) return undefined;
  const address = textOrNull(p.address);
  return address ? { lat, lon, address } : { lat, lon };
}

/** Reads an item (the items service names its id `id`; events name it `itemId`). */
export function parseItem(value: unknown): Item {
  const i = record(value);
  const assignment = record(i.assignment);
  const timeline = Array.isArray(i.timeline) ? i.timeline.map(parseTimelineEntry) : [];
  return {
    itemId: text(i.itemId ?? i.id),
    reference: text(i.reference),
    status: text(i.status, 'created'),
    pickup: parsePlace(i.pickup) ?? { lat: 0, lon: 0 },
    dropoff: parsePlace(i.dropoff) ?? { lat: 0, lon: 0 },
    vehicleId: textOrNull(i.vehicleId ?? assignment.vehicleId),
    createdAt: textOrNull(i.createdAt),
    updatedAt: textOrNull(i.updatedAt),
    timeline,
  };
}

function parseTimelineEntry(value: unknown): TimelineEntry {
  const t = record(value);
  const detail = textOrNull(t.reason ?? t.detail ?? t.note);
  return {
    status: text(t.status ?? t.type ?? t.event, '?'),
    at: text(t.at ?? t.time ?? t.createdAt),
    ...(detail ? { detail } : {}),
  };
}

/** Reads an offer (`GET /allocation/offers`, `allocationOffered`). */
export function parseOffer(value: unknown): Offer | undefined {
  const o = record(value);
  const offerId = textOrNull(o.offerId ?? o.id);
  const itemId = textOrNull(o.itemId);
  const vehicleId = textOrNull(o.vehicleId);
  if (!offerId || !itemId || !vehicleId) return undefined;
  return { offerId, itemId, vehicleId, deadline: textOrNull(o.deadline) };
}

/** The array under `key` of an answer (`{ vehicles: [...] }`), or the answer itself when it is one. */
export function listOf(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  const value = record(body)[key];
  return Array.isArray(value) ? value : [];
}
