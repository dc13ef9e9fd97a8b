import type { LatLng } from './position.js';

/**
 * The mean Earth radius (IUGG, 6,371,008.8 m). The sphere is within 0.5 % of the ellipsoid,
 * far inside GPS error at the distances fleets care about.
 */
export const EARTH_RADIUS_METRES = 6_371_008.8;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/**
 * The great-circle distance between two points in metres (the haversine formula, which stays
 * accurate for the few-metre distances of GPS jitter, unlike the spherical law of cosines).
 * @example
 * distanceMetres({ latitude: 52.5163, longitude: 13.3777 }, { latitude: 52.5186, longitude: 13.3762 }); // ≈ 276
 */
export function distanceMetres(from: LatLng, to: LatLng): number {
  const phi1 = toRadians(from.latitude);
  const phi2 = toRadians(to.latitude);
  const deltaPhi = phi2 - phi1;
  const deltaLambda = toRadians(to.longitude - from.longitude);
  const h = Math.sin(deltaPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(deltaLambda / 2) ** 2;
  // min() guards asin against rounding just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The initial bearing (forward azimuth) from one point towards another, in degrees clockwise
 * from true north, in [0, 360). The bearing from a point to itself is 0.
 * @example
 * initialBearing({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }); // 90
 */
export function initialBearing(from: LatLng, to: LatLng): number {
  const phi1 = toRadians(from.latitude);
  const phi2 = toRadians(to.latitude);
  const deltaLambda = toRadians(to.longitude - from.longitude);
  const y = Math.sin(deltaLambda) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(deltaLambda);
  const bearing = (toDegrees(Math.atan2(y, x)) + 360) % 360;
  // Rounding can leave 360 - ε; fold values indistinguishable from north back to 0.
  return bearing >= 360 - 1e-9 ? 0 : bearing;
}

/**
 * The point reached by travelling `distance` metres from `from` along the great circle that
 * starts at `bearing` degrees: what a simulator needs to drive a vehicle, and the inverse of
 * {@link distanceMetres} and {@link initialBearing}.
 * @example
 * destinationPoint({ latitude: 0, longitude: 0 }, 90, 111_195); // ≈ { latitude: 0, longitude: 1 }
 */
export function destinationPoint(from: LatLng, bearing: number, distance: number): LatLng {
  const delta = distance / EARTH_RADIUS_METRES;
  const theta = toRadians(bearing);
  const phi1 = toRadians(from.latitude);
  const lambda1 = toRadians(from.longitude);
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(sinPhi2);
  const y = Math.sin(theta) * Math.sin(delta) * Math.cos(phi1);
  const x = Math.cos(delta) - Math.sin(phi1) * sinPhi2;
  const lambda2 = lambda1 + Math.atan2(y, x);
  // Normalise the longitude into [-180, 180).
  return { latitude: toDegrees(phi2), longitude: ((toDegrees(lambda2) + 540) % 360) - 180 };
}
