import { http, respond } from '@motorcade/lambda';
import { z } from 'zod';
import { POSITIONS_WRITE_SCOPE, requireScope } from '../domain/caller.js';
import { TRACKING_ERROR, TrackingError } from '../domain/errors.js';
import { ingest } from '../domain/ingestion.js';
import { parsePositionBatch } from '../domain/position-batch.js';
import { trackPosition } from '../domain/tracked-position.js';
import { clientContextSchema } from '../lambda/callers.js';
import { database } from '../lambda/database.js';
import { devicesByUniqueId } from '../lambda/device-directory.js';
import { mapped } from '../lambda/http-errors.js';
import { ingestionPorts } from '../lambda/ingestion-ports.js';

// Gateways post batches continuously: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * `POST /tracking/positions` (API key with `positions:write`): `{ positions: [...] }`, each naming
 * its device by the unique id it was registered with → 202 `{ accepted, duplicates }`. All or
 * nothing: a bad position is a 400 listing the problems by index, an unknown device a 404 naming it.
 */
export const handler = http({
  action: 'ingestBatch',
  connections: [db],
  request: { body: z.unknown(), authorizer: clientContextSchema },
  handler: async ({ body, authorizer }) =>
    mapped(async () => {
      requireScope(authorizer, POSITIONS_WRITE_SCOPE);
      const now = new Date();
      const positions = parsePositionBatch(body, now);
      const devices = await devicesByUniqueId(
        authorizer.orgId,
        positions.map((position) => position.deviceId),
      );
      const unknown = [...new Set(positions.map((position) => position.deviceId))].filter(
        (id) => !devices.has(id),
      );
      if (unknown.length > 0)
        throw new TrackingError(
          TRACKING_ERROR.deviceNotFound,
          `No device ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` (and ${unknown.length - 10} more)` : ''}`,
        );
      const tracked = positions.map((position) => {
        const device = devices.get(position.deviceId);
        if (!device) throw new Error(`unresolved device ${position.deviceId}`);
        return trackPosition(position, device);
      });
      return respond(202, await ingest(ingestionPorts(db), tracked, now));
    }),
});
