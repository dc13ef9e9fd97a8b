import type { TemplateObject } from '../../types.js';
import type { FunctionBuild } from '../function-build.js';

/** One entry of a function's `Events`, handed to the translator for its `Type`. */
export interface EventSourceInput {
  /** The event's key under `Events`, e.g. `Queue`; generated ids are `<FunctionId><EventName>`. */
  readonly eventName: string;
  /** The event's `Properties`. */
  readonly properties: TemplateObject;
  /** Path of the event's `Properties`, e.g. `Properties.Events.Queue.Properties`, for errors. */
  readonly path: string;
  readonly build: FunctionBuild;
}

/** Turns one SAM event source into the CloudFormation resources and role permissions SAM generates. */
export type EventSourceTranslator = (input: EventSourceInput) => void;
