import type { Metres } from './local-plane.js';
import type { Random } from './random.js';

/** The city's street plan: a slightly rotated grid of streets with uneven blocks. */
export interface CityGrid {
  /** Street positions across (along the grid's own x axis), in metres, ascending. */
  readonly columns: readonly number[];
  /** Street positions along (the grid's y axis), in metres, ascending. */
  readonly rows: readonly number[];
  /** The grid's rotation from east, in radians. */
  readonly rotation: number;
  readonly radiusMetres: number;
}

/** A street crossing, by its column and row. */
export interface Crossing {
  readonly column: number;
  readonly row: number;
}

const MIN_BLOCK_METRES = 150;
const MAX_BLOCK_METRES = 300;

function streetLines(radius: number, random: Random): number[] {
  const block = (): number => random.between(MIN_BLOCK_METRES, MAX_BLOCK_METRES);
  const lines = [0];
  while ((lines[lines.length - 1] ?? 0) < radius) lines.push((lines[lines.length - 1] ?? 0) + block());
  while ((lines[0] ?? 0) > -radius) lines.unshift((lines[0] ?? 0) - block());
  return lines;
}

/**
 * Lays out a street grid covering a circle of `radiusMetres` around the centre: blocks of 150–300 m,
 * turned by up to 20° so streets do not all run due north.
 * @example
 * const grid = cityGrid(2500, seededRandom(1));
 */
export function cityGrid(radiusMetres: number, random: Random): CityGrid {
  return {
    columns: streetLines(radiusMetres, random),
    rows: streetLines(radiusMetres, random),
    rotation: random.between(-20, 20) * (Math.PI / 180),
    radiusMetres,
  };
}

/** Where a crossing is on the city's plane. */
export function crossingPoint(grid: CityGrid, crossing: Crossing): Metres {
  const u = grid.columns[crossing.column] ?? 0;
  const v = grid.rows[crossing.row] ?? 0;
  const cos = Math.cos(grid.rotation);
  const sin = Math.sin(grid.rotation);
  return { x: u * cos - v * sin, y: u * sin + v * cos };
}

function nearestIndex(lines: readonly number[], value: number): number {
  let best = 0;
  for (let index = 1; index < lines.length; index += 1)
    if (Math.abs((lines[index] ?? 0) - value) < Math.abs((lines[best] ?? 0) - value)) best = index;
  return best;
}

/** The crossing nearest to a point of the plane. */
export function nearestCrossing(grid: CityGrid, point: Metres): Crossing {
  const cos = Math.cos(grid.rotation);
  const sin = Math.sin(grid.rotation);
  const u = point.x * cos + point.y * sin;
  const v = -point.x * sin + point.y * cos;
  return { column: nearestIndex(grid.columns, u), row: nearestIndex(grid.rows, v) };
}

/** A random point on a street inside the city's circle (a door on some block's side). */
export function randomStreetPoint(grid: CityGrid, random: Random, withinMetres = grid.radiusMetres): Metres {
  for (;;) {
    const column = random.index(grid.columns.length);
    const row = random.index(grid.rows.length - 1);
    const from = crossingPoint(grid, { column, row });
    const to = crossingPoint(grid, { column, row: row + 1 });
    const along = random.next();
    const point = { x: from.x + (to.x - from.x) * along, y: from.y + (to.y - from.y) * along };
    if (Math.hypot(point.x, point.y) <= withinMetres) return point;
  }
}
