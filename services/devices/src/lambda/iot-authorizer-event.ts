import { z } from 'zod';

/**
 * The part of AWS IoT Core's custom authorizer event for an MQTT connection that names the
 * device: the CONNECT's username, password (base64, as IoT sends it) and client id.
 */
export const iotAuthorizerEventSchema = z.looseObject({
  protocolData: z
    .looseObject({
      mqtt: z
        .looseObject({
          username: z.string().optional(),
          password: z.string().optional(),
          clientId: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
/** An IoT custom authorizer event. */
export type IotAuthorizerEvent = z.infer<typeof iotAuthorizerEventSchema>;

/**
 * The username and the decoded password of an MQTT connection.
 * @example
 * const { username, password } = mqttCredentials(event);
 */
export function mqttCredentials(event: IotAuthorizerEvent): { username?: string; password?: string } {
  const mqtt = event.protocolData?.mqtt;
  const password =
    mqtt?.password === undefined ? undefined : Buffer.from(mqtt.password, 'base64').toString('utf8');
  return {
    ...(mqtt?.username ? { username: mqtt.username } : {}),
    ...(password ? { password } : {}),
  };
}
