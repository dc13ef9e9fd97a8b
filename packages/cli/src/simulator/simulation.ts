import { appendFile } from 'node:fs/promises';
import type { DemoData } from '../demo-seed.js';
import { cityGrid, randomStreetPoint } from './city-grid.js';
import { ClientBot } from './client-bot.js';
import { DEFAULT_HABITS, DriverBot, errorKind } from './driver-bot.js';
import { createItem, DriverApi } from './fleet-api.js';
import { type LatLon, localPlane } from './local-plane.js';
import { type Fix, mqttReporter, osmandReporter, type PositionReporter } from './position-reporter.js';
import { seededRandom } from './random.js';
import { emptyStats, type SimulationStats, statusLine } from './simulation-stats.js';

/** What to simulate, and where the system is. */
export interface SimulationOptions {
  readonly gateway: string;
  /** The MQTT broker; without it every tracker reports over OsmAnd. */
  readonly mqttUrl?: string;
  readonly demo: DemoData;
  readonly vehicles?: number;
  readonly itemsPerMinute?: number;
  /** Items the client system has queued at the start: default one per four vehicles, rounded up. */
  readonly backlog?: number;
  readonly centre?: LatLon;
  readonly radiusKm?: number;
  readonly reportEverySeconds?: number;
  readonly rejectRate?: number;
  /** The share of trackers on MQTT (the rest use OsmAnd), 0–1. */
  readonly mqttShare?: number;
  readonly seed?: number;
  /** Status and first-of-a-kind error lines. */
  readonly log?: (line: string) => void;
  /** Every error in full, one JSON line each. */
  readonly errorLog?: string;
  readonly statusEverySeconds?: number;
}

/** A running simulation. */
export interface Simulation {
  stats(): SimulationStats;
  /** Stops the bots, takes the drivers off duty and disconnects the trackers. */
  stop(): Promise<void>;
}

/** Berlin, Mitte. */
export const DEFAULT_CENTRE: LatLon = { lat: 52.52, lon: 13.405 };
const TICK_SECONDS = 1;
/** Finer than the backlog's 0.3–0.5 s gaps, so its items go out one by one, not two in a tick. */
const CLIENT_TICK_SECONDS = 0.1;
const START_GAP_SECONDS = 1;
/**
 * What 20 vehicles can carry: a delivery takes about six and a half minutes (to the pickup, 15 s
 * there, to the drop-off, 15 s there), so twenty deliver about three a minute; two keeps a
 * little slack rather than a queue that grows until items fail for waiting too long.
 */
const DEFAULT_ITEMS_PER_MINUTE = 2;

/**
 * Starts a fleet simulation against a running system, through its public APIs only: driver bots
 * log in and answer offers, trackers report over OsmAnd and MQTT, a client system creates items.
 * @example
 * const simulation = await startSimulation({ gateway, mqttUrl, demo, vehicles: 20 });
 * // … later
 * await simulation.stop();
 */
export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? Date.now());
  const plane = localPlane(options.centre ?? DEFAULT_CENTRE);
  const grid = cityGrid((options.radiusKm ?? 2.5) * 1000, random);
  const stats = emptyStats();
  const seen = new Set<string>();
  const fail = (kind: string, error: unknown): void => {
    stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
    if (!seen.has(kind)) {
      seen.add(kind);
      log(`simulate: ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (options.errorLog)
      void appendFile(
        options.errorLog,
        `${JSON.stringify({ at: new Date().toISOString(), kind, error: String((error as Error)?.stack ?? error) })}\n`,
      ).catch(() => {});
  };

  const demo = options.demo;
  if (!demo.password)
    throw new Error('the demo file has no password: the simulator cannot log its drivers in');
  const usable = demo.vehicles.filter((vehicle) => vehicle.secret && vehicle.deviceId && vehicle.uniqueId);
  const fleet = usable.slice(0, options.vehicles ?? usable.length);
  if (fleet.length === 0) throw new Error('the demo file has no vehicles with tracker keys to simulate');
  const reportEvery = options.reportEverySeconds ?? 5;
  const mqttCount = options.mqttUrl ? Math.round(fleet.length * (options.mqttShare ?? 0.5)) : 0;

  const agents = await Promise.all(
    fleet.map(async (vehicle, index) => {
      const api = new DriverApi(options.gateway, {
        organisation: demo.organisation,
        email: vehicle.driverEmail,
        password: demo.password as string,
      });
      const bot = new DriverBot(
        api,
        grid,
        plane,
        random,
        randomStreetPoint(grid, random, grid.radiusMetres * 0.7),
        { ...DEFAULT_HABITS, rejectRate: options.rejectRate ?? DEFAULT_HABITS.rejectRate },
        {
          onOffer: (accepted) => {
            if (accepted) stats.items.accepted += 1;
            else stats.items.rejected += 1;
            stats.items.offered += 1;
          },
          onPickedUp: () => {
            stats.items.pickedUp += 1;
          },
          onDelivered: () => {
            stats.items.delivered += 1;
          },
          onError: fail,
        },
      );
      const tracker = {
        deviceId: vehicle.deviceId as string,
        uniqueId: vehicle.uniqueId as string,
        secret: vehicle.secret as string,
      };
      const reporter: PositionReporter =
        index < mqttCount && options.mqttUrl
          ? await mqttReporter(options.mqttUrl, tracker)
          : osmandReporter(options.gateway, tracker);
      // Drivers start their shifts a second apart, not all in the same instant; reports are spread
      // over the interval rather than sent in the same second.
      return {
        bot,
        reporter,
        startsIn: index * START_GAP_SECONDS,
        untilReport: (index % reportEvery) + 1,
        battery: random.between(40, 100),
      };
    }),
  );

  // The orders that queued before the drivers' shift: work from the first minute, as a dispatcher
  // finds it in the morning, rather than waiting for the first order of the day. They go out once
  // the last driver started and every vehicle has reported a position, so allocation can pick the
  // vehicle nearest each one (sent earlier, they went to whoever was on duty first, across town).
  const backlog = demo.clientKey ? (options.backlog ?? Math.ceil(fleet.length / 4)) : 0;
  const backlogAfterSeconds = (fleet.length - 1) * START_GAP_SECONDS + reportEvery + 1;
  const client = new ClientBot(
    (key, item) => createItem(options.gateway, demo.clientKey ?? '', key, item),
    grid,
    plane,
    random,
    {
      itemsPerMinute: demo.clientKey ? (options.itemsPerMinute ?? DEFAULT_ITEMS_PER_MINUTE) : 0,
      backlog,
      backlogAfterSeconds,
    },
    {
      onCreated: () => {
        stats.items.created += 1;
      },
      onError: (error) => fail(errorKind(error), error),
    },
  );
  if (!demo.clientKey) log('simulate: the demo file has no client API key: no items will be created');

  const report = (agent: (typeof agents)[number]): void => {
    const { position, heading, speedMps } = agent.bot.whereabouts;
    const noisy = { x: position.x + random.gaussian() * 4, y: position.y + random.gaussian() * 4 };
    agent.battery = Math.max(5, agent.battery - 0.01);
    const fix: Fix = {
      ...plane.toLatLon(noisy),
      fixTime: new Date(),
      speedKph: speedMps * 3.6,
      heading,
      accuracy: random.between(4, 12),
      battery: agent.battery,
    };
    agent.reporter.report(fix).then(
      () => {
        stats.positions[agent.reporter.transport] += 1;
      },
      (error: unknown) => fail(`${agent.reporter.transport} report`, error),
    );
  };

  const clientTick = setInterval(() => client.tick(CLIENT_TICK_SECONDS), CLIENT_TICK_SECONDS * 1000);
  const tick = setInterval(() => {
    for (const agent of agents) {
      agent.startsIn -= TICK_SECONDS;
      if (agent.startsIn > 0) continue;
      agent.bot.tick(TICK_SECONDS);
      agent.untilReport -= TICK_SECONDS;
      if (agent.untilReport <= 0 && agent.bot.phase !== 'offDuty') {
        agent.untilReport += reportEvery;
        report(agent);
      }
    }
    stats.vehiclesOnDuty = agents.filter((agent) => agent.bot.phase !== 'offDuty').length;
    stats.vehiclesBusy = agents.filter((agent) => agent.bot.busy).length;
  }, TICK_SECONDS * 1000);
  const status = setInterval(
    () => log(`simulate: ${statusLine(stats)}`),
    (options.statusEverySeconds ?? 10) * 1000,
  );
  log(
    `simulate: ${agents.length} vehicles (${mqttCount} on MQTT, ${agents.length - mqttCount} on OsmAnd) around ${plane.centre.lat.toFixed(4)},${plane.centre.lon.toFixed(4)}, ${options.itemsPerMinute ?? DEFAULT_ITEMS_PER_MINUTE} items/min after a backlog of ${backlog} at ${backlogAfterSeconds} s`,
  );

  return {
    stats: () => structuredClone(stats),
    async stop() {
      clearInterval(clientTick);
      clearInterval(tick);
      clearInterval(status);
      await Promise.all(agents.map((agent) => agent.bot.settle()));
      await Promise.all(
        agents.map(async (agent) => {
          await agent.bot.offDuty().catch(() => {});
          await agent.reporter.close().catch(() => {});
        }),
      );
    },
  };
}
