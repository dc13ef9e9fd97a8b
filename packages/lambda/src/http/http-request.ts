import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { z } from 'zod';
import { HttpError, ValidationError } from '../errors/http-error.js';
import { parseOrThrow } from '../validation/zod-fields.js';

/** The zod schemas of the parts of a request an HTTP handler validates. */
export interface HttpRequestSchemas {
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly path?: z.ZodType;
  readonly headers?: z.ZodType;
  /**
   * The context the API's Lambda authorizer added (`requestContext.authorizer`: principalId and the
   * context values, which API Gateway passes as strings). Missing or not matching, it is a
   * deployment mistake — a route without its authorizer — and answers a 500 that exposes nothing.
   */
  readonly authorizer?: z.ZodType;
}

type Parsed<TSchema, TFallback> = TSchema extends z.ZodType ? z.output<TSchema> : TFallback;

/** A request after validation: each part typed by its schema. Header names are lower case. */
export interface HttpRequest<TSchemas extends HttpRequestSchemas> {
  readonly body: Parsed<TSchemas['body'], unknown>;
  readonly query: Parsed<TSchemas['query'], Readonly<Record<string, string>>>;
  readonly path: Parsed<TSchemas['path'], Readonly<Record<string, string>>>;
  readonly headers: Parsed<TSchemas['headers'], Readonly<Record<string, string>>>;
  /** The authorizer's context, typed by its schema (undefined when the request schemas name none). */
  readonly authorizer: Parsed<TSchemas['authorizer'], Readonly<Record<string, unknown>> | undefined>;
  readonly requestId: string;
  readonly event: APIGatewayProxyEvent;
  readonly context: Context;
}

/**
 * Reads and validates an API Gateway v1 proxy event: the JSON body (base64 decoded when API Gateway
 * encoded it), query string, path parameters and headers, each against its schema. Every failing
 * field of every part is reported together in one {@link ValidationError}.
 * @example
 * const request = await parseHttpRequest(event, context, { body: z.object({ name: z.string() }) });
 */
export async function parseHttpRequest<TSchemas extends HttpRequestSchemas>(
  event: APIGatewayProxyEvent,
  context: Context,
  schemas: TSchemas,
): Promise<HttpRequest<TSchemas>> {
  const headers = lowerCaseHeaders(event.headers);
  const raw = {
    body: parseBody(event, headers['content-type']),
    query: definedValues(event.queryStringParameters),
    path: definedValues(event.pathParameters),
    headers,
  };
  const parts = ['body', 'query', 'path', 'headers'] as const;
  const results = await Promise.allSettled(
    parts.map((part) => {
      const schema = schemas[part];
      return schema ? parseOrThrow(schema, raw[part], part) : Promise.resolve(raw[part]);
    }),
  );
  const failures = results.flatMap((result) =>
    result.status === 'rejected' && result.reason instanceof ValidationError
      ? [...(result.reason.fields ?? [])]
      : [],
  );
  const unexpected = results.find(
    (result) => result.status === 'rejected' && !(result.reason instanceof ValidationError),
  );
  if (unexpected?.status === 'rejected') throw unexpected.reason;
  if (failures.length > 0) throw new ValidationError(failures);
  const [body, query, path, parsedHeaders] = results.map((result) =>
    result.status === 'fulfilled' ? result.value : undefined,
  );
  return {
    body,
    query,
    path,
    headers: parsedHeaders,
    authorizer: schemas.authorizer
      ? authorizerContext(event, schemas.authorizer)
      : (event.requestContext?.authorizer ?? undefined),
    requestId: context.awsRequestId,
    event,
    context,
  } as HttpRequest<TSchemas>;
}

function authorizerContext(event: APIGatewayProxyEvent, schema: z.ZodType): unknown {
  const raw = event.requestContext?.authorizer;
  const parsed = raw === undefined || raw === null ? undefined : schema.safeParse(raw);
  if (!parsed?.success) {
    throw new HttpError(
      500,
      'AUTHORIZER_CONTEXT_MISSING',
      'The route has no authorizer context, or not the expected one',
      {
        expose: false,
        ...(parsed ? { cause: parsed.error } : {}),
      },
    );
  }
  return parsed.data;
}

function parseBody(event: APIGatewayProxyEvent, contentType: string | undefined): unknown {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (contentType !== undefined && !/[/+]json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: 'body', message: `Malformed JSON: ${reason}` }], { cause: error });
  }
}

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers'] | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
}

function definedValues(values: Record<string, string | undefined> | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) if (value !== undefined) result[name] = value;
  return result;
}
