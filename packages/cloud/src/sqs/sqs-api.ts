import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EdgeRequest, EdgeResponse, EdgeRoute } from '../edge/edge-route.js';
import type { EnvironmentResolver } from '../edge/environment-resolver.js';
import { type SqsOperation, sqsRequests } from './sqs-api-schemas.js';
import {
  InvalidParameterValueError,
  InvalidRequestError,
  MissingParameterError,
  SqsError,
  UnsupportedOperationError,
} from './sqs-errors.js';
import { type CallerContext, sqsOperations } from './sqs-operations.js';
import type { SqsService } from './sqs-service.js';

const TARGET_PREFIX = 'AmazonSQS.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Ten 1 MiB messages with their attributes and JSON escaping, with room to answer with SQS's own error. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The SQS API on the edge, as `@aws-sdk/client-sqs` speaks it: AWS JSON 1.0, `POST` with
 * `x-amz-target: AmazonSQS.<Operation>`. The environment is the one of the account in the
 * request's QueueUrl, else the one the access key names. Errors carry SQS's `__type` and the
 * `x-amzn-query-error` header from which the SDK picks its exception class.
 */
export function sqsApiRoutes(resolver: EnvironmentResolver): EdgeRoute[] {
  return [
    {
      method: 'POST',
      pattern: /^\//,
      accepts: isSqsRequest,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async (request) => {
        try {
          return await handleSqs(resolver, request);
        } catch (error) {
          if (error instanceof SqsError) return errorResponse(error);
          throw error;
        }
      },
    },
  ];
}

function isSqsRequest(headers: IncomingHttpHeaders): boolean {
  const target = headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}

async function handleSqs(resolver: EnvironmentResolver, request: EdgeRequest): Promise<EdgeResponse> {
  const operation = String(request.headers['x-amz-target']).slice(TARGET_PREFIX.length);
  if (!isOperation(operation)) throw new UnsupportedOperationError(operation);
  let body: unknown;
  try {
    body = request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new InvalidRequestError('The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidRequestError('The request body must be a JSON object.');
  const parsed = sqsRequests[operation].safeParse(body);
  if (!parsed.success) throw requestError(body as Record<string, unknown>, parsed.error.issues[0]);
  const queueUrl = (parsed.data as { QueueUrl?: string }).QueueUrl;
  const account = queueUrl ? /\/(\d{12})\/[^/]+\/?$/.exec(queueUrl)?.[1] : undefined;
  const env = resolver.resolve(request, account);
  const sqs = env.service<SqsService>('sqs');
  const caller: CallerContext = { senderId: senderIdOf(request.headers, sqs.context.accountId) };
  const handler = sqsOperations[operation] as (
    service: SqsService,
    input: unknown,
    context: CallerContext,
  ) => unknown | Promise<unknown>;
  const result = await handler(sqs, parsed.data, caller);
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(result),
  };
}

function isOperation(name: string): name is SqsOperation {
  return Object.hasOwn(sqsRequests, name);
}

/** A request the schema refused: a missing member is `MissingParameter`, a wrong type `InvalidParameterValue`. */
function requestError(
  body: Record<string, unknown>,
  issue: { readonly path: readonly PropertyKey[]; readonly message: string } | undefined,
): SqsError {
  if (!issue) return new InvalidRequestError('The request is not valid.');
  let value: unknown = body;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  const name = issue.path.filter((key) => typeof key === 'string').join('.');
  if (value === undefined) return new MissingParameterError(name);
  return InvalidParameterValueError.of(name, JSON.stringify(value), issue.message);
}

/** SenderId of sent messages: the caller's access key id (functions sign with `motorcade-<env>`). */
function senderIdOf(headers: IncomingHttpHeaders, accountId: string): string {
  const authorization = headers.authorization;
  return (authorization && /Credential=([^/,\s]+)/.exec(authorization)?.[1]) || accountId;
}

function errorResponse(error: SqsError): EdgeResponse {
  return {
    status: error.statusCode,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-query-error': `${error.queryCode};Sender`,
    },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}
