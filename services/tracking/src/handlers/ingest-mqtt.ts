import { iotRule, logger } from '@motorcade/lambda';
import { z } from 'zod';
import { PositionValidationError } from '../domain/errors.js';
import { ingest } from '../domain/ingestion.js';
import { parseMqttPosition } from '../domain/mqtt-position.js';
import { trackPosition } from '../domain/tracked-position.js';
import { database } from '../lambda/database.js';
import { devicesById } from '../lambda/device-directory.js';
import { ingestionPorts } from '../lambda/ingestion-ports.js';

// Every MQTT position lands here: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The target of the topic rule on `fleet/+/position` (`SELECT *, topic(2) AS deviceId`). The
 * broker's authorizer lets a device publish only under its own id, so the topic names the device;
 * `LookupDevices` (cached a minute) gives its organisation and vehicle. A bad message or an unknown
 * device is logged and dropped — a device sends the same bytes again on a retry — while a failure
 * to store is thrown, so Lambda retries the invocation.
 */
export const handler = iotRule({
  action: 'ingestMqtt',
  connections: [db],
  payload: z.looseObject({ deviceId: z.uuid() }),
  handler: async (payload) => {
    const now = new Date();
    let position: ReturnType<typeof parseMqttPosition>;
    try {
      position = parseMqttPosition(payload, now);
    } catch (error) {
      if (!(error instanceof PositionValidationError)) throw error;
      logger.warn('MQTT position refused', {
        deviceId: payload.deviceId,
        code: error.code,
        problem: error.message,
      });
      return;
    }
    const device = (await devicesById([payload.deviceId])).get(payload.deviceId);
    if (!device) {
      logger.warn('MQTT position of an unknown or revoked device dropped', { deviceId: payload.deviceId });
      return;
    }
    await ingest(ingestionPorts(db), [trackPosition(position, device)], now);
  },
});
