import { CloudError } from '../errors.js';

/**
 * A REST API definition (the RestApi's `Body`) uses something the local cloud does not emulate, or
 * is malformed. The message names the template, the resource and the place in the definition.
 */
export class ApiDefinitionError extends CloudError {
  constructor(where: string, detail: string) {
    super('API_DEFINITION_NOT_SUPPORTED', `${where}: ${detail}`);
  }
}

/** A resource of API Gateway (stage, deployment) names a REST API that does not exist. */
export class RestApiNotFoundError extends CloudError {
  constructor(where: string, restApiId: string) {
    super('REST_API_NOT_FOUND', `${where}: no REST API ${restApiId} in this environment`);
  }
}

/** One of API Gateway's own answers (a "gateway response"): status, error type and message. */
export interface GatewayError {
  readonly status: number;
  readonly type: string;
  /** `null` is what API Gateway sends for authorizer configuration errors. */
  readonly message: string | null;
}

/** API Gateway's default gateway responses, with the messages clients see on AWS. */
export const GATEWAY_ERRORS = {
  missingAuthenticationToken: {
    status: 403,
    type: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
  },
  forbidden: { status: 403, type: 'ForbiddenException', message: 'Forbidden' },
  unauthorized: { status: 401, type: 'UnauthorizedException', message: 'Unauthorized' },
  accessDenied: {
    status: 403,
    type: 'AccessDeniedException',
    message: 'User is not authorized to access this resource',
  },
  explicitDeny: {
    status: 403,
    type: 'AccessDeniedException',
    message: 'User is not authorized to access this resource with an explicit deny',
  },
  authorizerConfiguration: { status: 500, type: 'AuthorizerConfigurationException', message: null },
  authorizerFailure: { status: 500, type: 'AuthorizerFailureException', message: null },
  internalServerError: {
    status: 502,
    type: 'InternalServerErrorException',
    message: 'Internal server error',
  },
  timeout: { status: 504, type: 'IntegrationTimeout', message: 'Endpoint request timed out' },
  requestTooLarge: { status: 413, type: 'RequestTooLarge', message: 'Request Too Long' },
} as const satisfies Record<string, GatewayError>;
