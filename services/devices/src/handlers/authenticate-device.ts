import { callable } from '@motorcade/lambda';
import { authenticateOsmand } from '../domain/device-authentication.js';
import { osmandRequestSchema } from '../domain/osmand-credentials.js';
import { database } from '../lambda/database.js';
import { PgDeviceStore } from '../store/device-store.js';

// Called for every position a phone or tracker sends: keep the connection warm.
const db = database('reuse-across-invocations');

/**
 * The function other stacks import as `<devices stack>-AuthenticateDeviceArn`: pass the OsmAnd
 * request's `queryStringParameters`, `headers`, `body` and `isBase64Encoded`; get
 * `{ authenticated: true, device: { deviceId, orgId, vehicleId, uniqueId } }` or
 * `{ authenticated: false, reason }`.
 */
export const handler = callable({
  action: 'authenticateDevice',
  connections: [db],
  input: osmandRequestSchema,
  handler: async (request) => authenticateOsmand(new PgDeviceStore(db), request),
});
