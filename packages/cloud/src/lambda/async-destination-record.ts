import type { AttemptResult, QueuedEvent } from './async-event.js';
import type { FunctionConfig } from './types.js';

/** Why an event is handed to the failure destination / dead-letter target. */
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'RecursiveInvocationDetected';

/** The invocation record Lambda sends to destinations (`version` 1.0). */
export interface DestinationRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'Success' | FailureCondition;
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext?: {
    readonly statusCode: 200;
    readonly executedVersion: '$LATEST';
    readonly functionError?: 'Unhandled';
  };
  readonly responsePayload?: unknown;
}

/** What the queue needs to know about a function to run and finish its events. */
export interface AsyncFunctionSettings {
  readonly arn: string;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  /** ReservedConcurrentExecutions, which also bounds the environments its events use. */
  readonly reservedConcurrency?: number;
  readonly onSuccess?: string;
  readonly onFailure?: string;
  readonly deadLetterTargetArn?: string;
}

/**
 * A function's async settings, with Lambda's defaults (2 retries, 6 hours).
 * @example
 * asyncSettingsOf(config).maximumRetryAttempts; // 2 unless EventInvokeConfig says otherwise
 */
export function asyncSettingsOf(config: FunctionConfig): AsyncFunctionSettings {
  const async = config.asyncInvokeConfig;
  return {
    arn: config.arn,
    maximumRetryAttempts: async?.maximumRetryAttempts ?? 2,
    maximumEventAgeInSeconds: async?.maximumEventAgeInSeconds ?? 21_600,
    ...(config.reservedConcurrency === undefined ? {} : { reservedConcurrency: config.reservedConcurrency }),
    ...(async?.onSuccess ? { onSuccess: async.onSuccess } : {}),
    ...(async?.onFailure ? { onFailure: async.onFailure } : {}),
    ...(config.deadLetterTargetArn ? { deadLetterTargetArn: config.deadLetterTargetArn } : {}),
  };
}

/**
 * Builds the invocation record AWS sends to OnSuccess / OnFailure destinations.
 * @example
 * JSON.stringify(record(event, settings, 'RetriesExhausted', lastAttempt));
 */
export function record(
  event: QueuedEvent,
  settings: AsyncFunctionSettings,
  condition: 'Success' | FailureCondition,
  last?: AttemptResult,
): DestinationRecord {
  const ran = last?.kind === 'success' || last?.kind === 'error';
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: event.id,
      functionArn: `${settings.arn}:$LATEST`,
      condition,
      approximateInvokeCount: event.attempts,
    },
    requestPayload: parseOrKeep(event.payload),
    ...(ran
      ? {
          responseContext: {
            statusCode: 200,
            executedVersion: '$LATEST',
            ...(last.kind === 'error' ? { functionError: 'Unhandled' as const } : {}),
          },
          responsePayload: parseOrKeep(last.payload),
        }
      : {}),
  };
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
