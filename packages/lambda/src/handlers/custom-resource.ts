import type { MiddlewareObj } from '@middy/core';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from '../errors/http-error.js';
import { mergeOptions } from '../observability/middleware-options.js';
import { logger as defaultLogger } from '../observability/telemetry.js';
import { parseOrThrow } from '../validation/zod-fields.js';
import { customResourceResponse, sendCustomResourceResponse } from './custom-resource-response.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';

/** What a Create, Update or Delete handler may return. */
export interface CustomResourceResult {
  /** Defaults to the current one (Update, Delete) or `<LogicalResourceId>-<RequestId>` (Create). */
  readonly physicalResourceId?: string;
  /** Attributes `!GetAtt Resource.Key` reads. */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly noEcho?: boolean;
}

/** A handler of one request type; `properties` are the validated ResourceProperties. */
export type CustomResourceStep<TProps> = (
  properties: TProps,
  event: CloudFormationCustomResourceEvent,
  context: Context,
) => Promise<CustomResourceResult | undefined>;

/** Options of {@link customResource}. */
export interface CustomResourceOptions<TProps extends z.ZodType> extends BaseHandlerOptions {
  /** The schema of ResourceProperties. CloudFormation sends every scalar as a string: use `z.coerce`. */
  readonly properties: TProps;
  readonly create: CustomResourceStep<z.output<TProps>>;
  readonly update: CustomResourceStep<z.output<TProps>>;
  readonly delete: CustomResourceStep<z.output<TProps>>;
  /** FAILED is sent this long before the function's timeout if the handler has not finished. */
  readonly timeoutMarginMs?: number;
}

/**
 * A CloudFormation custom resource provider that always answers: SUCCESS with the result, or
 * FAILED with the error's message as the reason — when the handler throws, when the properties are
 * invalid, and when the function is about to time out (Middy's early timeout, `timeoutMarginMs`
 * before the end). The invocation itself then succeeds, so Lambda does not retry it. A Delete whose
 * properties are invalid succeeds: nothing can have been created from them.
 * @example
 * export const handler = customResource({
 *   action: 'registerListener',
 *   properties: z.object({ Event: z.string(), Arn: z.string() }),
 *   create: async ({ Event, Arn }) => ({ physicalResourceId: await listeners.add(Event, Arn) }),
 *   update: async ({ Event, Arn }, event) => ({ physicalResourceId: await listeners.replace(event.PhysicalResourceId, Event, Arn) }),
 *   delete: async (_props, event) => { await listeners.remove(event.PhysicalResourceId); return undefined; },
 * });
 */
export function customResource<TProps extends z.ZodType>(options: CustomResourceOptions<TProps>) {
  const {
    properties,
    create,
    update,
    delete: remove,
    timeoutMarginMs,
    ...base
  } = mergeOptions<CustomResourceOptions<TProps>>(
    'customResource',
    {
      ...BASE_DEFAULTS,
      properties: options.properties,
      create: options.create,
      update: options.update,
      delete: options.delete,
      timeoutMarginMs: 2_000,
    },
    options,
  );
  const logger = base.logger ?? defaultLogger;
  const steps = { Create: create, Update: update, Delete: remove } as const;
  const inner = async (
    event: CloudFormationCustomResourceEvent,
    context: Context,
  ): Promise<CustomResourceResult> => {
    let props: z.output<TProps>;
    try {
      props = await parseOrThrow(properties, event.ResourceProperties, 'ResourceProperties');
    } catch (error) {
      if (event.RequestType === 'Delete' && error instanceof ValidationError) {
        logger.warn('Delete of a resource with invalid properties: nothing to delete', {
          fields: error.fields,
        });
        return {};
      }
      throw error;
    }
    return (await steps[event.RequestType](props, event, context)) ?? {};
  };
  return handlerChain<CloudFormationCustomResourceEvent, CustomResourceResult>(inner, base, {
    timeoutEarlyInMillis: timeoutMarginMs,
    middlewares: [cloudFormationReply()] as MiddlewareObj<
      CloudFormationCustomResourceEvent,
      unknown,
      Error,
      Context
    >[],
  });
}

function defaultPhysicalId(event: CloudFormationCustomResourceEvent): string {
  return 'PhysicalResourceId' in event
    ? event.PhysicalResourceId
    : `${event.LogicalResourceId}-${event.RequestId}`;
}

/** Sends SUCCESS after the handler, FAILED on any error (the timeout included), and swallows it. */
function cloudFormationReply(): MiddlewareObj<
  CloudFormationCustomResourceEvent,
  CustomResourceResult,
  Error,
  Context
> {
  return {
    after: async ({ event, response }) => {
      await sendCustomResourceResponse(
        event.ResponseURL,
        customResourceResponse(event, {
          status: 'SUCCESS',
          physicalResourceId: response?.physicalResourceId ?? defaultPhysicalId(event),
          ...(response?.data ? { data: response.data } : {}),
          ...(response?.noEcho ? { noEcho: true } : {}),
        }),
      );
    },
    onError: async (request) => {
      const { event, error } = request;
      const reason =
        error?.name === 'TimeoutError'
          ? `${event.LogicalResourceId}: the provider did not finish before its timeout`
          : failureReason(error);
      await sendCustomResourceResponse(
        event.ResponseURL,
        customResourceResponse(event, {
          status: 'FAILED',
          physicalResourceId: defaultPhysicalId(event),
          reason,
        }),
      );
      request.response = {};
    },
  };
}

/**
 * The reason CloudFormation shows for a failed resource: the error's message, and for invalid
 * properties each field with what is wrong (`Invalid request: Filter.detail: must be an object`),
 * so the person deploying sees the fix without opening the provider's log.
 */
function failureReason(error: Error | undefined | null): string {
  if (!error) return 'Unknown error';
  if (error instanceof ValidationError && error.fields && error.fields.length > 0)
    return `Invalid properties: ${error.fields.map((field) => `${field.path || '(the properties)'}: ${field.message}`).join('; ')}`;
  return error.message;
}
