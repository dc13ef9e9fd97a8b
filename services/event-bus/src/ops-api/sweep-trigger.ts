import { invokeAsync } from '@motorcade/lambda';
import type { SweepTrigger } from '../domain/ports.js';
import { requiredVariable } from '../settings.js';

/**
 * Wakes SweepDeliveries at once (an asynchronous invoke of the function the template names in
 * `SWEEP_FUNCTION_ARN`), so a redelivery or replay starts now rather than at the next minute.
 * @example
 * await sweepTrigger().wake('replay to listener 3');
 */
export function sweepTrigger(env: NodeJS.ProcessEnv = process.env): SweepTrigger {
  const arn = requiredVariable('SWEEP_FUNCTION_ARN', env);
  return { wake: (reason) => invokeAsync(arn, { source: 'event-bus.ops', reason }) };
}
