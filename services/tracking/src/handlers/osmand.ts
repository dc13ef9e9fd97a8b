import { http, respond } from '@motorcade/lambda';
import { TRACKING_ERROR, TrackingError } from '../domain/errors.js';
import { ingest } from '../domain/ingestion.js';
import { parseOsmand } from '../domain/osmand-request.js';
import { trackPosition } from '../domain/tracked-position.js';
import { database } from '../lambda/database.js';
import { authenticateOsmand } from '../lambda/device-directory.js';
import { mapped } from '../lambda/http-errors.js';
import { ingestionPorts } from '../lambda/ingestion-ports.js';

// Every phone and tracker reports here every few seconds: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * `GET, POST /tracking/osmand` (no authorizer: the device's secret is checked by the devices
 * stack): one position as OsmAnd and Traccar Client send it → 200 with an empty body, which is
 * what the apps wait for. Bad input is 400 naming the field; no secret 401; an id and secret that
 * name no live device 404 (the same answer for a wrong secret, so nothing is revealed). The query
 * string carries the secret (`key`): nothing here logs it.
 */
export const handler = http({
  action: 'ingestOsmand',
  connections: [db],
  handler: async ({ event }) =>
    mapped(async () => {
      const now = new Date();
      const request = {
        queryStringParameters: event.queryStringParameters,
        headers: event.headers,
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
      };
      // Parsed first: a bad position is refused without a call to the devices stack.
      const position = parseOsmand(request, now);
      const authentication = await authenticateOsmand(request);
      if (!authentication.authenticated)
        throw authentication.reason === 'MISSING_SECRET'
          ? new TrackingError(TRACKING_ERROR.unauthorized, 'Send the device secret as the key parameter')
          : new TrackingError(TRACKING_ERROR.deviceNotFound, `No device ${position.deviceId} with this key`);
      await ingest(ingestionPorts(db), [trackPosition(position, authentication.device)], now);
      return respond(200, '');
    }),
});
