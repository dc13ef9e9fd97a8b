/** A point on the earth, in WGS 84 degrees. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** A point on the city's local plane, in metres east (`x`) and north (`y`) of its centre. */
export interface Metres {
  readonly x: number;
  readonly y: number;
}

const EARTH_RADIUS_METRES = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * A flat projection around a city centre (equirectangular): exact enough within a few kilometres,
 * which is all a city simulation covers.
 * @example
 * const plane = localPlane({ lat: 52.52, lon: 13.405 });
 * plane.toLatLon({ x: 1000, y: 0 }); // 1 km east of the centre
 */
export function localPlane(centre: LatLon) {
  const metresPerDegreeLat = EARTH_RADIUS_METRES * RADIANS;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos(centre.lat * RADIANS);
  return {
    centre,
    toLatLon: (point: Metres): LatLon => ({
      lat: centre.lat + point.y / metresPerDegreeLat,
      lon: centre.lon + point.x / metresPerDegreeLon,
    }),
    toMetres: (point: LatLon): Metres => ({
      x: (point.lon - centre.lon) * metresPerDegreeLon,
      y: (point.lat - centre.lat) * metresPerDegreeLat,
    }),
  };
}

/** The projection of a city, see {@link localPlane}. */
export type LocalPlane = ReturnType<typeof localPlane>;

/** Straight-line distance on the plane, in metres. */
export function planeDistance(a: Metres, b: Metres): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Compass heading from `a` to `b` in degrees (0 = north, 90 = east). */
export function headingDegrees(a: Metres, b: Metres): number {
  const degrees = Math.atan2(b.x - a.x, b.y - a.y) / RADIANS;
  return (degrees + 360) % 360;
}
