import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error.js';
import { demoFile, readDemo } from '../demo-seed.js';
import { edgeFile } from '../edge-client.js';
import { decimalOption, decimalValue, optionalOption, wholeNumberOption } from '../number-options.js';
import { type CommonOptions, stateDirectory } from '../project-paths.js';
import type { LatLon } from '../simulator/local-plane.js';
import { type SimulationOptions, startSimulation } from '../simulator/simulation.js';

export interface SimulateOptions extends CommonOptions {
  readonly gateway?: string;
  readonly mqtt?: string;
  readonly demo?: string;
  readonly vehicles?: string;
  readonly itemsPerMinute?: string;
  readonly backlog?: string;
  readonly centre?: string;
  readonly radiusKm?: string;
  readonly reportEvery?: string;
  readonly rejectRate?: string;
  readonly mqttShare?: string;
  readonly duration?: string;
  readonly seed?: string;
}

/** `--backlog N` of `simulate` and `dev --simulate`: the items the client has queued at the start. */
export function backlogOption(value: string | undefined): number | undefined {
  return optionalOption(value, (text) => wholeNumberOption('--backlog', text, 0, 1000));
}

function centreOption(value: string): LatLon {
  const parts = value.split(',');
  const [lat, lon] = parts.map(decimalValue);
  if (parts.length !== 2 || !(Math.abs(lat ?? Number.NaN) <= 90) || !(Math.abs(lon ?? Number.NaN) <= 180))
    throw new CliError(`--centre ${value} must be 'latitude,longitude', e.g. 52.52,13.405`);
  return { lat: lat as number, lon: lon as number };
}

/** The URLs `motorcade dev` recorded for its environment. */
async function runningCloud(stateDir: string): Promise<{ gateway?: string; mqtt?: string }> {
  try {
    return JSON.parse(await readFile(edgeFile(stateDir), 'utf8')) as { gateway?: string; mqtt?: string };
  } catch {
    return {};
  }
}

/** What a simulation takes from the command's options, apart from where the system is. */
export type SimulationSettings = Omit<SimulationOptions, 'gateway' | 'mqttUrl' | 'demo' | 'log' | 'errorLog'>;

/** Turns the command's options into a simulation's settings, checking each. */
export function simulationSettings(options: SimulateOptions): SimulationSettings {
  const centre = optionalOption(options.centre, centreOption);
  const decimal = (name: string, value: string | undefined, min: number, max: number) =>
    optionalOption(value, (text) => decimalOption(name, text, min, max));
  const pick = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    ...pick(
      'vehicles',
      optionalOption(options.vehicles, (text) => wholeNumberOption('--vehicles', text, 1, 1000)),
    ),
    ...pick('itemsPerMinute', decimal('--items-per-minute', options.itemsPerMinute, 0, 6000)),
    ...pick('backlog', backlogOption(options.backlog)),
    ...pick('centre', centre),
    ...pick('radiusKm', decimal('--radius-km', options.radiusKm, 0.5, 50)),
    ...pick('reportEverySeconds', decimal('--report-every', options.reportEvery, 1, 3600)),
    ...pick('rejectRate', decimal('--reject-rate', options.rejectRate, 0, 1)),
    ...pick('mqttShare', decimal('--mqtt-share', options.mqttShare, 0, 1)),
    ...pick(
      'seed',
      optionalOption(options.seed, (text) => wholeNumberOption('--seed', text, 0, 2 ** 32)),
    ),
  };
}

/**
 * `motorcade simulate`: drives the demo fleet of a running environment through its public APIs
 * until SIGINT or `--duration` seconds.
 */
export async function simulate(options: SimulateOptions): Promise<void> {
  // Every option is checked before anything is read, so a typo is reported as what it is.
  const settings = simulationSettings(options);
  const duration = optionalOption(options.duration, (text) =>
    decimalOption('--duration', text, 1, 365 * 86_400),
  );
  const stateDir = stateDirectory(options);
  const file = options.demo ?? demoFile(stateDir);
  const demo = await readDemo(file);
  if (!demo) throw new CliError(`No demo file at ${file}: start the environment with 'motorcade dev' first`);
  const recorded = await runningCloud(stateDir);
  const gateway = options.gateway ?? recorded.gateway ?? 'http://127.0.0.1:3000';
  const mqtt = options.mqtt ?? recorded.mqtt;
  const log = (line: string): void => console.log(line);
  const simulation = await startSimulation({
    gateway,
    ...(mqtt ? { mqttUrl: mqtt } : {}),
    demo,
    log,
    errorLog: join(stateDir, 'simulate.log'),
    ...settings,
  });
  await new Promise<void>((resolve) => {
    const done = (): void => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (duration !== undefined) setTimeout(done, duration * 1000).unref();
  });
  log('simulate: stopping (drivers go off duty)');
  await simulation.stop();
}
