import { STATUS_CODES } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { HttpError } from '../errors/http-error.js';
import type { ErrorBody } from '../types/error-body.js';

/** The code and message of anything that is not an {@link HttpError}: nothing about internals. */
export const INTERNAL_ERROR = { code: 'INTERNAL_ERROR', message: 'Internal server error' } as const;

/**
 * The one error body of every HTTP function: `{ error: { code, message, requestId, fields? } }`.
 * An exposed {@link HttpError} shows its code, message and fields; an unexposed one keeps its status
 * and code but says only the status text; anything else is a 500 `INTERNAL_ERROR`.
 * @example
 * return errorResponse(new HttpError(404, 'NOT_FOUND', 'No item i1'), context.awsRequestId);
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  const body = errorBody(error, requestId);
  const statusCode = error instanceof HttpError ? error.statusCode : 500;
  return {
    statusCode,
    headers: {
      ...headers,
      ...(error instanceof HttpError ? error.headers : {}),
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  };
}

/**
 * The {@link ErrorBody} of an error (see {@link errorResponse}).
 * @example
 * const body = errorBody(error, context.awsRequestId);
 */
export function errorBody(error: unknown, requestId: string): ErrorBody {
  if (!(error instanceof HttpError)) return { error: { ...INTERNAL_ERROR, requestId } };
  if (!error.expose) {
    return { error: { code: error.code, message: STATUS_CODES[error.statusCode] ?? 'Error', requestId } };
  }
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.fields && error.fields.length > 0 ? { fields: error.fields } : {}),
    },
  };
}
