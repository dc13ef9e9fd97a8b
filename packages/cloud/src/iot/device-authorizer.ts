import { z } from 'zod';
import { stackName } from '../config/project-config.js';
import type { CloudEnvironment } from '../environment.js';
import { IotError, IotErrorCode } from './iot-errors.js';
import { IotPolicy } from './iot-policy.js';

/** What a device presented in its MQTT CONNECT. */
export interface ConnectRequest {
  readonly clientId: string;
  readonly username?: string;
  readonly password?: Buffer;
  /** A fresh id per connection (`connectionMetadata.id`). */
  readonly connectionId: string;
}

/** The custom authorizer event AWS IoT Core sends for an MQTT connection with signing disabled. */
export interface CustomAuthorizerEvent {
  readonly signatureVerified: false;
  readonly protocols: readonly ['mqtt'];
  readonly protocolData: {
    readonly mqtt: { readonly username?: string; readonly password?: string; readonly clientId?: string };
  };
  readonly connectionMetadata: { readonly id: string };
}

/** A connection the authorizer accepted, with what it may do and for how long. */
export interface Authorization {
  readonly principalId: string;
  readonly policy: IotPolicy;
  readonly disconnectAfterSeconds?: number;
  readonly refreshAfterSeconds?: number;
}

/** The authorizer's decision; `reason` says why a connection was refused (for the log). */
export type AuthorizerOutcome =
  | { readonly authenticated: true; readonly authorization: Authorization }
  | { readonly authenticated: false; readonly reason: string };

const seconds = z.number().int().min(300).max(86_400);
const responseSchema = z.object({
  isAuthenticated: z.boolean(),
  principalId: z
    .string()
    .regex(/^[a-zA-Z0-9]{1,128}$/, 'must be 1 to 128 letters and digits')
    .optional(),
  policyDocuments: z
    .array(z.union([z.string(), z.record(z.string(), z.unknown())]))
    .max(10)
    .optional(),
  disconnectAfterInSeconds: seconds.optional(),
  refreshAfterInSeconds: seconds.optional(),
});

/** Builds the event AWS IoT Core sends a custom authorizer for an MQTT CONNECT (the password in base64). */
export function customAuthorizerEvent(request: ConnectRequest): CustomAuthorizerEvent {
  return {
    signatureVerified: false,
    protocols: ['mqtt'],
    protocolData: {
      mqtt: {
        ...(request.username === undefined ? {} : { username: request.username }),
        ...(request.password === undefined ? {} : { password: request.password.toString('base64') }),
        ...(request.clientId === '' ? {} : { clientId: request.clientId }),
      },
    },
    connectionMetadata: { id: request.connectionId },
  };
}

/**
 * The device authorizer: the environment's function named in the project config (`iot.authorizer`,
 * `<service>.<LogicalId>`, or a function name or ARN), invoked synchronously with AWS IoT Core's
 * custom authorizer event for every connection. Its answer is checked as IoT checks it: a function
 * error, a malformed answer or `isAuthenticated: false` refuses the connection.
 */
export class DeviceAuthorizer {
  readonly #environment: CloudEnvironment;
  readonly #target: string;

  constructor(environment: CloudEnvironment, target: string) {
    this.#environment = environment;
    this.#target = target;
  }

  async authorize(request: ConnectRequest): Promise<AuthorizerOutcome> {
    let functionName: string;
    try {
      functionName = this.#functionName();
    } catch (error) {
      return { authenticated: false, reason: (error as Error).message };
    }
    const event = Buffer.from(JSON.stringify(customAuthorizerEvent(request)));
    const result = await this.#environment.lambda.invoke(functionName, event, {
      invocationType: 'RequestResponse',
    });
    const text = result.payload.toString('utf8');
    if (result.functionError)
      return { authenticated: false, reason: `the authorizer ${functionName} failed: ${text}` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return {
        authenticated: false,
        reason: `the authorizer ${functionName} answered no JSON: ${text.slice(0, 200)}`,
      };
    }
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        authenticated: false,
        reason:
          `the authorizer ${functionName} answered an invalid response: ${issue?.path.join('.') || 'response'} ${issue?.message ?? ''}`.trim(),
      };
    }
    const response = parsed.data;
    if (!response.isAuthenticated)
      return { authenticated: false, reason: `the authorizer ${functionName} said no` };
    if (response.principalId === undefined || response.policyDocuments === undefined) {
      return {
        authenticated: false,
        reason: `the authorizer ${functionName} authenticated the client without a principalId and policyDocuments`,
      };
    }
    let policy: IotPolicy;
    try {
      policy = IotPolicy.fromDocuments(response.policyDocuments);
    } catch (error) {
      return { authenticated: false, reason: `the authorizer ${functionName}: ${(error as Error).message}` };
    }
    return {
      authenticated: true,
      authorization: {
        principalId: response.principalId,
        policy,
        ...(response.disconnectAfterInSeconds === undefined
          ? {}
          : { disconnectAfterSeconds: response.disconnectAfterInSeconds }),
        ...(response.refreshAfterInSeconds === undefined
          ? {}
          : { refreshAfterSeconds: response.refreshAfterInSeconds }),
      },
    };
  }

  /** Resolved on every connection, so the authorizer may be deployed (or replaced) after the broker starts. */
  #functionName(): string {
    const dot = this.#target.indexOf('.');
    if (this.#target.startsWith('arn:') || dot < 0) return this.#target;
    const service = this.#target.slice(0, dot);
    const logicalId = this.#target.slice(dot + 1);
    const stack = stackName(this.#environment.settings.name, service);
    const resource = this.#environment.stacks.get(stack)?.resources[logicalId];
    if (resource?.type !== 'AWS::Lambda::Function') {
      throw new IotError(
        IotErrorCode.AUTHORIZER_NOT_FOUND,
        `the IoT authorizer ${this.#target} is not deployed (no function ${logicalId} in stack ${stack})`,
      );
    }
    return resource.physicalId;
  }
}
