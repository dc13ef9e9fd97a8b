import { translateApiEvent } from './api.js';
import type { EventSourceTranslator } from './event-source.js';
import { translateIotRuleEvent } from './iot-rule.js';
import { translateScheduleEvent } from './schedule.js';
import { translateScheduleV2Event } from './schedule-v2.js';
import { translateSqsEvent } from './sqs.js';

/**
 * The SAM event source types implemented so far, by `Type`. Adding one is a new module here and a
 * line in this table.
 */
export const EVENT_SOURCES: Readonly<Record<string, EventSourceTranslator>> = {
  Api: translateApiEvent,
  SQS: translateSqsEvent,
  Schedule: translateScheduleEvent,
  ScheduleV2: translateScheduleV2Event,
  IoTRule: translateIotRuleEvent,
};
