import { handlerChain, logger } from '@motorcade/lambda';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ingestByOrganisation } from '../domain/ingestion-by-organisation.js';
import { readMqttBatch } from '../domain/mqtt-batch.js';
import { trackPosition } from '../domain/tracked-position.js';
import { database } from '../lambda/database.js';
import { devicesById } from '../lambda/device-directory.js';
import { ingestionPorts } from '../lambda/ingestion-ports.js';

// Every MQTT position lands here: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The consumer of the `MqttPositions` queue, which the topic rule on `fleet/+/position` fills
 * (`SELECT *, topic(2) AS deviceId`, Sqs action): batches of up to 100 messages. The broker's
 * authorizer lets a device publish only under its own id, so the topic names the device;
 * `LookupDevices` (cached a minute) gives every device of the batch its organisation and vehicle in
 * one call. The batch is ingested as the batch endpoint ingests a request, one transaction and one
 * feed message per organisation. A bad message or an unknown device is logged and dropped (the same
 * bytes would fail again); an organisation whose transaction failed has its messages reported as
 * batch item failures, so only they come back (repeats are stored once) and, after five receives,
 * go to the dead-letter queue. The library's `sqsBatch` handles messages one by one, which is what
 * this must not do, so the whole batch is handled with the same standard chain.
 */
export const handler = handlerChain<SQSEvent, SQSBatchResponse>(
  async (event) => {
    const now = new Date();
    const { positions, refused } = readMqttBatch(
      event.Records.map((record) => ({ id: record.messageId, body: record.body })),
      now,
    );
    for (const message of refused)
      logger.warn('MQTT position refused', {
        messageId: message.id,
        deviceId: message.deviceId,
        code: message.code,
        problem: message.problem,
      });
    const devices = await devicesById(positions.map(({ position }) => position.deviceId));
    const batch = positions.flatMap(({ id, position }) => {
      const device = devices.get(position.deviceId);
      if (device) return [{ id, position: trackPosition(position, device) }];
      logger.warn('MQTT position of an unknown or revoked device dropped', {
        messageId: id,
        deviceId: position.deviceId,
      });
      return [];
    });
    const result = await ingestByOrganisation(ingestionPorts(db), batch, now);
    for (const failure of result.failures)
      logger.error('MQTT positions not stored; their messages will come back', {
        orgId: failure.orgId,
        messages: failure.ids.length,
        error: failure.error,
      });
    logger.debug('MQTT positions ingested', {
      messages: event.Records.length,
      accepted: result.accepted,
      duplicates: result.duplicates,
      dropped: event.Records.length - batch.length,
    });
    return {
      batchItemFailures: result.failures.flatMap((failure) =>
        failure.ids.map((itemIdentifier) => ({ itemIdentifier })),
      ),
    };
  },
  { action: 'ingestMqtt', connections: [db] },
  {},
);
