import { callable, logger } from '@motorcade/lambda';
import { authenticateMqtt } from '../domain/device-authentication.js';
import { allowDevice, denyDevice } from '../domain/mqtt-policy.js';
import { database } from '../lambda/database.js';
import { iotAuthorizerEventSchema, mqttCredentials } from '../lambda/iot-authorizer-event.js';
import { iotArnPrefix } from '../lambda/settings.js';
import { PgDeviceStore } from '../store/device-store.js';

// Every device connection (and every policy refresh) passes here: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The IoT Core custom authorizer (`iot.authorizer` in the project config, exported as
 * `<devices stack>-MqttAuthorizerArn`): username = device id, password = device secret.
 */
export const handler = callable({
  action: 'authorizeMqttDevice',
  connections: [db],
  input: iotAuthorizerEventSchema,
  handler: async (event) => {
    const { username, password } = mqttCredentials(event);
    const result = await authenticateMqtt(new PgDeviceStore(db), username, password);
    if (result.authenticated) return allowDevice(result.device, iotArnPrefix());
    logger.info('Device connection refused', { reason: result.reason, username });
    return denyDevice();
  },
});
