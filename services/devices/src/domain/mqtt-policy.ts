import type { AuthenticatedDevice } from './device.js';

/**
 * Devices publish and subscribe under `fleet/<deviceId>/…` only (positions go to
 * `fleet/<deviceId>/position`, which the tracking stack's topic rule reads).
 */
export const DEVICE_TOPIC_ROOT = 'fleet';

/** How long a connection may last before IoT asks again (IoT's maximum: 24 h). */
export const DISCONNECT_AFTER_SECONDS = 86_400;

/** IoT re-runs the authorizer this often, so a revoked device is cut off within 10 minutes. */
export const REFRESH_AFTER_SECONDS = 600;

/** What an IoT Core custom authorizer answers. */
export interface IotAuthorizerResponse {
  readonly isAuthenticated: boolean;
  readonly principalId?: string;
  readonly policyDocuments?: readonly object[];
  readonly disconnectAfterInSeconds?: number;
  readonly refreshAfterInSeconds?: number;
}

/**
 * The answer for an authenticated device: it may connect only as its own id and use only its own
 * topics. `principalId` is the device id without dashes (IoT allows letters and digits only), so
 * a topic rule's `principal()` names the device that really sent a message.
 * @param arnPrefix - `arn:<partition>:iot:<region>:<account>`, set by the template
 * @example
 * return allowDevice(device, process.env.IOT_ARN_PREFIX);
 */
export function allowDevice(device: AuthenticatedDevice, arnPrefix: string): IotAuthorizerResponse {
  const id = device.deviceId;
  const topics = `${DEVICE_TOPIC_ROOT}/${id}/*`;
  return {
    isAuthenticated: true,
    principalId: id.replaceAll('-', ''),
    policyDocuments: [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:Connect', Resource: `${arnPrefix}:client/${id}` },
          {
            Effect: 'Allow',
            Action: ['iot:Publish', 'iot:Receive'],
            Resource: `${arnPrefix}:topic/${topics}`,
          },
          { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${arnPrefix}:topicfilter/${topics}` },
        ],
      },
    ],
    disconnectAfterInSeconds: DISCONNECT_AFTER_SECONDS,
    refreshAfterInSeconds: REFRESH_AFTER_SECONDS,
  };
}

/**
 * The answer for anything else: IoT refuses the connection.
 * @example
 * return denyDevice();
 */
export function denyDevice(): IotAuthorizerResponse {
  return { isAuthenticated: false };
}
