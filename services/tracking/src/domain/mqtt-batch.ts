import { z } from 'zod';
import { PositionValidationError, TRACKING_ERROR, type TrackingErrorCode } from './errors.js';
import { parseMqttPosition } from './mqtt-position.js';
import type { Position } from './position.js';

/**
 * One message of the MQTT positions queue: its id (to report it failed) and its body — the topic
 * rule's `SELECT *, topic(2) AS deviceId` output as JSON (the Sqs action with `UseBase64: false`).
 */
export interface QueuedMessage {
  readonly id: string;
  readonly body: string;
}

/** A message that holds a valid position, with the device id its topic named. */
export interface QueuedPosition {
  readonly id: string;
  readonly position: Position;
}

/** A message that can never be stored, and why: it is logged and dropped, never retried. */
export interface RefusedMessage {
  readonly id: string;
  /** The topic's device id, when the message got that far. */
  readonly deviceId: string | undefined;
  readonly code: TrackingErrorCode;
  readonly problem: string;
}

/** What a batch of queued MQTT messages holds. */
export interface MqttBatch {
  readonly positions: readonly QueuedPosition[];
  readonly refused: readonly RefusedMessage[];
}

const deviceIdSchema = z.uuid();

/**
 * Reads a batch of queued MQTT messages with the same rules as a single one
 * ({@link parseMqttPosition}). A body that is not JSON, has no device id from the topic, or holds a
 * bad position is refused: the same bytes would fail again, so retrying them would only loop.
 * @example
 * const { positions, refused } = readMqttBatch(records.map((r) => ({ id: r.messageId, body: r.body })), now);
 */
export function readMqttBatch(messages: readonly QueuedMessage[], now: Date): MqttBatch {
  const positions: QueuedPosition[] = [];
  const refused: RefusedMessage[] = [];
  for (const { id, body } of messages) {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      refused.push({
        id,
        deviceId: undefined,
        code: TRACKING_ERROR.malformedBody,
        problem: 'body is not JSON',
      });
      continue;
    }
    const deviceId = isRecord(payload) ? payload.deviceId : undefined;
    if (!deviceIdSchema.safeParse(deviceId).success) {
      refused.push({
        id,
        deviceId: typeof deviceId === 'string' ? deviceId : undefined,
        code: TRACKING_ERROR.invalidDeviceId,
        problem: 'deviceId (from the topic fleet/<deviceId>/position) must be a device id (UUID)',
      });
      continue;
    }
    try {
      positions.push({ id, position: parseMqttPosition(payload, now) });
    } catch (error) {
      if (!(error instanceof PositionValidationError)) throw error;
      refused.push({ id, deviceId: String(deviceId), code: error.code, problem: error.message });
    }
  }
  return { positions, refused };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
