import { type CityGrid, type Crossing, crossingPoint, nearestCrossing } from './city-grid.js';
import type { Metres } from './local-plane.js';
import type { Random } from './random.js';

/**
 * The crossings a driver passes from one crossing to another: along the grid's streets, turning
 * now and then (as drivers take different streets), never away from the destination.
 */
function crossingsBetween(from: Crossing, to: Crossing, random: Random): Crossing[] {
  const path: Crossing[] = [from];
  let { column, row } = from;
  while (column !== to.column || row !== to.row) {
    const columnsLeft = Math.abs(to.column - column);
    const rowsLeft = Math.abs(to.row - row);
    // Keep going straight for a few blocks, then maybe turn: weighted by what is left each way.
    const alongColumns = random.next() < columnsLeft / (columnsLeft + rowsLeft);
    const blocks = 1 + random.index(3);
    for (let step = 0; step < blocks; step += 1) {
      if (alongColumns && column !== to.column) column += Math.sign(to.column - column);
      else if (!alongColumns && row !== to.row) row += Math.sign(to.row - row);
      else break;
      path.push({ column, row });
    }
  }
  return path;
}

/**
 * A drivable route between two points of the city: from the start to its nearest crossing, along
 * the streets, and from the destination's nearest crossing to the destination (the last metres to
 * the door). Consecutive duplicate points are dropped.
 * @example
 * const route = streetRoute(grid, here, pickup, random); // [here, crossing, …, pickup]
 */
export function streetRoute(grid: CityGrid, from: Metres, to: Metres, random: Random): Metres[] {
  const crossings = crossingsBetween(nearestCrossing(grid, from), nearestCrossing(grid, to), random);
  const points = [from, ...crossings.map((crossing) => crossingPoint(grid, crossing)), to];
  return points.filter(
    (point, index) =>
      index === 0 ||
      Math.hypot(point.x - (points[index - 1]?.x ?? 0), point.y - (points[index - 1]?.y ?? 0)) > 0.5,
  );
}
