import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { AwsApiError } from '../errors.js';
import { accountIdOfFunctionName } from '../lambda/function-registry.js';
import {
  InvalidParameterValueError,
  LambdaApiError,
  ResourceNotFoundError,
} from '../lambda/lambda-errors.js';
import type { LambdaService } from '../lambda/lambda-service.js';
import type { FunctionConfig, InvocationType } from '../lambda/types.js';
import { type EdgeRequest, type EdgeResponse, type EdgeRoute, jsonResponse } from './edge-route.js';

/** Picks the account's Lambda service for a request (by access key, or the account in a full ARN). */
export type LambdaServiceResolver = (
  request: EdgeRequest,
  accountIdFromArn: string | undefined,
) => LambdaService;

const INVOCATION_TYPES: ReadonlySet<string> = new Set<InvocationType>(['RequestResponse', 'Event', 'DryRun']);
const LIST_PAGE_SIZE = 50;

/**
 * The Lambda API routes of the edge, as `@aws-sdk/client-lambda` calls them: Invoke,
 * GetFunction, GetFunctionConfiguration (what the `waitUntilFunctionActive*` waiters poll),
 * ListFunctions, GetAlias and ListAliases. Errors are answered in Lambda's REST-JSON shape (`x-amzn-ErrorType` and a body
 * with `Type` and the message field AWS uses for that error).
 *
 * The Invoke handler is the hot path of every local request: it reads headers directly (no schema
 * parse), passes the body to the service as the Buffer it arrived in and answers with the Buffer
 * the service returns.
 */
export function lambdaApiRoutes(serviceFor: LambdaServiceResolver): EdgeRoute[] {
  const resolve = (request: EdgeRequest, rawName: string): { service: LambdaService; name: string } => {
    const name = rawName.includes('%') ? decodeURIComponent(rawName) : rawName;
    return { service: serviceFor(request, accountIdOfFunctionName(name)), name };
  };

  return [
    {
      method: 'POST',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/,
      // No closure per call here: this is the hot path.
      handle: async (request, match) => {
        try {
          return await invoke(request, match[1]!, serviceFor);
        } catch (error) {
          return errorResponse(error);
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)\/?$/,
      handle: (request, match) =>
        answer(() => {
          const { service, name } = resolve(request, match[1]!);
          const config = find(service, name, request);
          const alias = decodeURIComponent(match[2]!);
          const found = service.aliases.list(config.name, config.arn).find((entry) => entry.Name === alias);
          if (!found) {
            throw new LambdaApiError(
              'ResourceNotFoundException',
              404,
              `Alias not found: ${config.arn}:${alias}`,
              {},
              'Message',
            );
          }
          return jsonResponse(200, found);
        }),
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/aliases\/?$/,
      handle: (request, match) =>
        answer(() => {
          const { service, name } = resolve(request, match[1]!);
          const config = find(service, name, request);
          return jsonResponse(200, { Aliases: service.aliases.list(config.name, config.arn) });
        }),
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/,
      handle: (request, match) =>
        answer(() => {
          const { service, name } = resolve(request, match[1]!);
          return jsonResponse(200, functionConfiguration(find(service, name, request)));
        }),
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/([^/]+)\/?$/,
      handle: (request, match) =>
        answer(() => {
          const { service, name } = resolve(request, match[1]!);
          const config = find(service, name, request);
          return jsonResponse(200, {
            Configuration: functionConfiguration(config),
            Code: { RepositoryType: 'S3', Location: pathToFileURL(config.codeDir).href },
            ...(config.reservedConcurrency === undefined
              ? {}
              : { Concurrency: { ReservedConcurrentExecutions: config.reservedConcurrency } }),
          });
        }),
    },
    {
      method: 'GET',
      pattern: /^\/2015-03-31\/functions\/?$/,
      handle: (request) => answer(() => listFunctions(request, serviceFor(request, undefined))),
    },
  ];
}

async function invoke(
  request: EdgeRequest,
  rawName: string,
  serviceFor: LambdaServiceResolver,
): Promise<EdgeResponse> {
  const name = rawName.includes('%') ? decodeURIComponent(rawName) : rawName;
  const service = serviceFor(request, accountIdOfFunctionName(name));
  const headers = request.headers;
  const invocationType = header(headers['x-amz-invocation-type']) ?? 'RequestResponse';
  if (!INVOCATION_TYPES.has(invocationType)) {
    throw new InvalidParameterValueError(
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
    );
  }
  const logType = header(headers['x-amz-log-type']);
  const qualifier = request.query.get('Qualifier') ?? undefined;
  const clientContext = header(headers['x-amz-client-context']);
  const traceHeader = header(headers['x-amzn-trace-id']);
  const result = await service.invoke(name, request.body, {
    invocationType: invocationType as InvocationType,
    logType: logType === 'Tail' ? 'Tail' : 'None',
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(clientContext === undefined ? {} : { clientContext }),
    ...(traceHeader === undefined ? {} : { traceHeader }),
  });
  const responseHeaders: Record<string, string> = { 'x-amzn-requestid': result.requestId ?? randomUUID() };
  if (result.statusCode === 200) {
    responseHeaders['content-type'] = 'application/json';
    responseHeaders['x-amz-executed-version'] = result.executedVersion;
    if (result.functionError) responseHeaders['x-amz-function-error'] = result.functionError;
    if (result.logResult !== undefined) responseHeaders['x-amz-log-result'] = result.logResult;
  }
  return { status: result.statusCode, headers: responseHeaders, body: result.payload };
}

function listFunctions(request: EdgeRequest, service: LambdaService): EdgeResponse {
  const all = service.listFunctions().sort((a, b) => a.name.localeCompare(b.name));
  const requested = Number(request.query.get('MaxItems') ?? LIST_PAGE_SIZE);
  const pageSize =
    Number.isInteger(requested) && requested > 0 ? Math.min(requested, 10_000) : LIST_PAGE_SIZE;
  const marker = request.query.get('Marker');
  const after = marker ? all.findIndex((config) => config.name > marker) : 0;
  const startAt = after === -1 ? all.length : after;
  const page = all.slice(startAt, startAt + pageSize);
  const last = page.at(-1);
  return jsonResponse(200, {
    Functions: page.map(functionConfiguration),
    ...(last && startAt + pageSize < all.length ? { NextMarker: last.name } : {}),
  });
}

function find(service: LambdaService, name: string, request: EdgeRequest): FunctionConfig {
  const qualifier = request.query.get('Qualifier');
  const config = service.getFunction(name);
  // An alias runs $LATEST locally, so asking for it answers the function's configuration.
  const known =
    !qualifier || qualifier === '$LATEST' || (config && service.aliases.has(config.name, qualifier));
  if (!config || !known) {
    const arn = config?.arn ?? `arn:aws:lambda:${service.region}:${service.accountId}:function:${name}`;
    throw new ResourceNotFoundError(qualifier ? `${arn}:${qualifier}` : arn);
  }
  return config;
}

/** A FunctionConfiguration as Lambda's API returns it; a local function is always Active. */
function functionConfiguration(config: FunctionConfig): Record<string, unknown> {
  return {
    FunctionName: config.name,
    FunctionArn: config.arn,
    Runtime: config.runtime,
    Role: `arn:aws:iam::${config.arn.split(':')[4]}:role/${config.stackName ?? 'motorcade'}-${config.logicalId ?? config.name}-role`,
    Handler: config.handler,
    CodeSize: 0,
    Description: '',
    Timeout: config.timeoutSeconds,
    MemorySize: config.memoryMb,
    CodeSha256: '',
    Version: '$LATEST',
    Environment: { Variables: { ...config.environment } },
    TracingConfig: { Mode: 'PassThrough' },
    ...(config.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: config.deadLetterTargetArn } } : {}),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${config.name}` },
  };
}

/** Runs a handler and answers AWS errors in Lambda's wire shape. */
async function answer(handler: () => Promise<EdgeResponse> | EdgeResponse): Promise<EdgeResponse> {
  try {
    return await handler();
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Lambda's REST-JSON error: `x-amzn-ErrorType` plus `{ Type, message | Message, ...fields }`.
 * Errors that are not AWS's are rethrown for the edge to answer as internal errors.
 */
function errorResponse(error: unknown): EdgeResponse {
  if (!(error instanceof AwsApiError)) throw error;
  const messageField = error instanceof LambdaApiError ? error.messageField : 'message';
  return jsonResponse(
    error.statusCode,
    { Type: 'User', [messageField]: error.message, ...error.fields },
    { 'x-amzn-errortype': error.type, 'x-amzn-requestid': randomUUID() },
  );
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
