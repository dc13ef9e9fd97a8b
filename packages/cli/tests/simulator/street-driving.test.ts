import { describe, expect, it } from 'vitest';
import {
  cityGrid,
  crossingPoint,
  nearestCrossing,
  randomStreetPoint,
} from '../../src/simulator/city-grid.js';
import { DRIVING, Drive } from '../../src/simulator/driving.js';
import { localPlane, planeDistance } from '../../src/simulator/local-plane.js';
import { seededRandom } from '../../src/simulator/random.js';
import { streetRoute } from '../../src/simulator/street-route.js';

const random = seededRandom(7);
const grid = cityGrid(2500, random);

/** The point expressed in the grid's own axes (street coordinates). */
function gridAxes(point: { x: number; y: number }): { u: number; v: number } {
  const cos = Math.cos(grid.rotation);
  const sin = Math.sin(grid.rotation);
  return { u: point.x * cos + point.y * sin, v: -point.x * sin + point.y * cos };
}

describe('the city grid', () => {
  it('has blocks of 150 to 300 m and covers the radius', () => {
    for (const lines of [grid.columns, grid.rows]) {
      for (let index = 1; index < lines.length; index += 1) {
        const block = (lines[index] ?? 0) - (lines[index - 1] ?? 0);
        expect(block).toBeGreaterThanOrEqual(150);
        expect(block).toBeLessThanOrEqual(300);
      }
      expect(lines[0]).toBeLessThanOrEqual(-2500);
      expect(lines[lines.length - 1]).toBeGreaterThanOrEqual(2500);
    }
  });

  it('finds a crossing as the nearest crossing to itself', () => {
    const crossing = { column: 5, row: 9 };
    expect(nearestCrossing(grid, crossingPoint(grid, crossing))).toEqual(crossing);
  });

  it('puts random street points on a street and inside the radius', () => {
    for (let index = 0; index < 200; index += 1) {
      const point = randomStreetPoint(grid, random, 1000);
      expect(Math.hypot(point.x, point.y)).toBeLessThanOrEqual(1000);
      const { u } = gridAxes(point);
      expect(grid.columns.some((column) => Math.abs(column - u) < 1e-6)).toBe(true);
    }
  });
});

describe('a street route', () => {
  it('runs along streets between crossings and ends at the destination', () => {
    for (let index = 0; index < 50; index += 1) {
      const from = randomStreetPoint(grid, random);
      const to = randomStreetPoint(grid, random);
      const route = streetRoute(grid, from, to, random);
      expect(route[0]).toEqual(from);
      expect(route[route.length - 1]).toEqual(to);
      // Between the first and last legs every step follows one street: one grid axis stays fixed.
      for (let step = 2; step < route.length - 1; step += 1) {
        const a = gridAxes(route[step - 1] as { x: number; y: number });
        const b = gridAxes(route[step] as { x: number; y: number });
        expect(Math.min(Math.abs(a.u - b.u), Math.abs(a.v - b.v))).toBeLessThan(1e-6);
      }
    }
  });
});

describe('driving', () => {
  it('stays within town speeds, follows the route and arrives at rest', () => {
    const from = randomStreetPoint(grid, random);
    const to = randomStreetPoint(grid, random);
    const route = streetRoute(grid, from, to, random);
    const drive = new Drive(route, random);
    let seconds = 0;
    let travelled = 0;
    let last = drive.state.position;
    while (!drive.state.arrived && seconds < 3600) {
      drive.advance(1);
      seconds += 1;
      const state = drive.state;
      expect(state.speedMps * 3.6).toBeLessThanOrEqual(DRIVING.maxCruiseKph + 1e-9);
      travelled += planeDistance(last, state.position);
      last = state.position;
    }
    expect(drive.state.arrived).toBe(true);
    expect(drive.state.position).toEqual(to);
    expect(drive.state.speedMps).toBe(0);
    const length = route
      .slice(1)
      .reduce((sum, point, index) => sum + planeDistance(route[index] as typeof point, point), 0);
    // Average speed including stops: between walking pace and the top cruising speed.
    expect(length / seconds).toBeGreaterThan(2);
    expect(length / seconds).toBeLessThan((DRIVING.maxCruiseKph / 3.6) * 1.01);
    expect(travelled).toBeLessThanOrEqual(length + 1);
  });

  it('points its heading along the street it is on', () => {
    const drive = new Drive(
      [
        { x: 0, y: 0 },
        { x: 0, y: 500 },
        { x: 500, y: 500 },
      ],
      seededRandom(3),
    );
    drive.advance(5);
    expect(drive.state.heading).toBeCloseTo(0, 6);
    while (drive.state.position.y < 500 || drive.state.position.x === 0) drive.advance(1);
    drive.advance(1);
    expect(drive.state.heading).toBeCloseTo(90, 6);
  });
});

describe('the local plane', () => {
  it('round-trips a point and measures a kilometre as one', () => {
    const plane = localPlane({ lat: 52.52, lon: 13.405 });
    const point = plane.toLatLon({ x: 1000, y: -400 });
    const back = plane.toMetres(point);
    expect(back.x).toBeCloseTo(1000, 6);
    expect(back.y).toBeCloseTo(-400, 6);
  });
});
