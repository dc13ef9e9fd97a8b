/**
 * Realistic tracks for the ingestion benchmark: each vehicle drives around Berlin at 20–50 km/h
 * with a fix every 5 s and stops for four minutes every ten, so the motion detector announces
 * vehicleMoving and vehicleStopped as it would in service. A track's fix times only go forward, so
 * no fix of a device is a duplicate; its random numbers are seeded by the vehicle's index.
 */

/** The time between two fixes of a vehicle. */
const FIX_INTERVAL_MS = 5_000;

/**
 * A vehicle driving around Berlin: 20–50 km/h, a gentle turn at each fix, and a four-minute stop
 * every ten minutes (phase-shifted per vehicle). `next()` gives the following fix, 5 s later.
 * @param {number} index - the vehicle's number, which seeds its track
 * @param {number} startMs - the time (epoch ms) the fixes follow on from
 */
export function track(index, startMs) {
  let random = 0x9e3779b9 ^ (index * 2654435761);
  const next = () => {
    random = (random * 1664525 + 1013904223) >>> 0;
    return random / 2 ** 32;
  };
  let lat = 52.52 + (next() - 0.5) * 0.2;
  let lon = 13.405 + (next() - 0.5) * 0.3;
  let course = next() * 360;
  let fixMs = startMs;
  const cycleMs = 840_000;
  const offset = Math.floor(next() * cycleMs);
  return {
    next() {
      fixMs += FIX_INTERVAL_MS;
      const moving = (fixMs + offset) % cycleMs < 600_000;
      const speedKph = moving ? 20 + next() * 30 : 0;
      course = (course + (next() - 0.5) * 30 + 360) % 360;
      const metres = (speedKph / 3.6) * (FIX_INTERVAL_MS / 1000);
      const radians = (course * Math.PI) / 180;
      lat += (metres * Math.cos(radians)) / 111_320;
      lon += (metres * Math.sin(radians)) / (111_320 * Math.cos((lat * Math.PI) / 180));
      // Drift back towards the centre rather than out of the city.
      if (Math.abs(lat - 52.52) > 0.15 || Math.abs(lon - 13.405) > 0.25) course = (course + 180) % 360;
      const round = (value, digits) => Number(value.toFixed(digits));
      return {
        lat: round(lat, 6),
        lon: round(lon, 6),
        fixMs,
        speedKph: round(speedKph, 1),
        course: round(course, 1),
      };
    },
  };
}
