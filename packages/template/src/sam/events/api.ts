import { readApiEvent } from '../api/api-event.js';
import type { EventSourceInput } from './event-source.js';

/**
 * `Type: Api` on a function. The event belongs to a REST API rather than to the function alone,
 * so the API transform (`../api`) reads every Api event of the template and generates the API,
 * its deployment and stage, and each event's `AWS::Lambda::Permission`; this translator only
 * checks the event, so a mistake is reported against the function that has it.
 */
export function translateApiEvent({ eventName, properties, path, build }: EventSourceInput): void {
  readApiEvent(build.functionId, eventName, properties, path, (code, detail, property) =>
    build.fail(code, detail, property),
  );
}
