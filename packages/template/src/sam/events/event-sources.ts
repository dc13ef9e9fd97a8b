import type { EventSourceTranslator } from './event-source.js';
import { translateScheduleEvent } from './schedule.js';
import { translateSqsEvent } from './sqs.js';

/**
 * The SAM event source types implemented so far, by `Type`. Adding one is a new module here and a
 * line in this table.
 */
export const EVENT_SOURCES: Readonly<Record<string, EventSourceTranslator>> = {
  SQS: translateSqsEvent,
  Schedule: translateScheduleEvent,
};
