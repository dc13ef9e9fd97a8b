import { CloudError } from '../errors.js';

/** Stable codes of the IoT emulation's errors. */
export const IotErrorCode = {
  /** A rule's SQL that AWS IoT would refuse (or that the local cloud cannot parse). */
  SQL_INVALID: 'IOT_SQL_INVALID',
  /** A property of a topic rule that AWS IoT would refuse. */
  PROPERTY_INVALID: 'IOT_PROPERTY_INVALID',
  /** A valid rule action or feature the local cloud does not emulate yet. */
  NOT_EMULATED: 'IOT_NOT_EMULATED',
  /** The configured device authorizer is not deployed. */
  AUTHORIZER_NOT_FOUND: 'IOT_AUTHORIZER_NOT_FOUND',
  /** The device authorizer answered something AWS IoT would not accept. */
  AUTHORIZER_RESPONSE_INVALID: 'IOT_AUTHORIZER_RESPONSE_INVALID',
  /** The MQTT port could not be opened. */
  BROKER_LISTEN_FAILED: 'IOT_BROKER_LISTEN_FAILED',
} as const;

/** One of the {@link IotErrorCode} values. */
export type IotErrorCode = (typeof IotErrorCode)[keyof typeof IotErrorCode];

/** An IoT rule, authorizer or broker problem, in one readable line. */
export class IotError extends CloudError {
  constructor(code: IotErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** A problem in a rule's SQL statement, with the position it was found at. */
export class SqlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlSyntaxError';
  }
}
