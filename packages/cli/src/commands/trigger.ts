import { CliError } from '../cli-error.js';
import { callEdge, edgeUrl, failure } from '../edge-client.js';
import { type CommonOptions, stateDirectory } from '../project-paths.js';
import { fetchStacks } from './stacks.js';

/** What `POST /_motorcade/schedules/trigger` answers (the cloud's `FiringResult`). */
interface FiringResponse {
  readonly arn: string;
  readonly time: string;
  readonly deliveries: readonly {
    readonly target: string;
    readonly delivered: boolean;
    readonly error?: string;
  }[];
}

export interface TriggerCliOptions extends CommonOptions {
  readonly edgePort?: string;
  readonly json?: boolean;
}

/**
 * `motorcade trigger <service>.<LogicalId>`: fires a scheduled EventBridge rule or an EventBridge
 * Scheduler schedule of the running local cloud now, with the payload the clock would have sent,
 * and prints what each target got.
 *
 * @example
 * motorcade trigger monitoring.StaleVehiclesCheck --env local
 */
export async function trigger(target: string, options: TriggerCliOptions): Promise<void> {
  const dot = target.indexOf('.');
  if (dot <= 0 || dot === target.length - 1) {
    throw new CliError(
      `trigger takes <service>.<LogicalId> (e.g. monitoring.NightlyCleanup), got '${target}'`,
    );
  }
  const service = target.slice(0, dot);
  const logicalId = target.slice(dot + 1);
  const listing = await fetchStacks(options);
  const stack = listing.stacks.find((candidate) => candidate.service === service);
  if (!stack) throw new CliError(`No stack for service '${service}' in ${listing.environment}`);

  const base = await edgeUrl(options.edgePort, stateDirectory(options));
  const query = new URLSearchParams({ env: options.env, stack: stack.name, logicalId });
  const response = await callEdge(`${base}/_motorcade/schedules/trigger?${query}`, { method: 'POST' });
  if (!response.ok) throw await failure(response);
  const result = (await response.json()) as FiringResponse;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(`fired ${result.arn} at ${result.time}\n`);
    for (const delivery of result.deliveries) {
      const outcome = delivery.delivered ? 'queued' : `failed: ${delivery.error ?? 'unknown error'}`;
      process.stdout.write(`  ${delivery.target}  ${outcome}\n`);
    }
  }
  if (result.deliveries.some((delivery) => !delivery.delivered)) {
    throw new CliError('a target could not be reached (see above)', 2);
  }
}
