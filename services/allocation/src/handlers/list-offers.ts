import { z } from 'zod';
import { OFFER_STATUSES } from '../domain/index.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { OfferApi } from '../service/offer-api.js';

// Dispatchers' screens: rare enough that no connection is held in between.
const db = database('close-after-invocation');

const querySchema = z.object({ status: z.enum(OFFER_STATUSES).optional() });

/** `GET /allocation/offers?status=` (admins, dispatchers): the organisation's offers, newest first. */
export const handler = userRoute({
  action: 'listOffers',
  connections: [db],
  request: { query: querySchema },
  handler: async ({ query }, caller) =>
    new OfferApi(db).list(caller, query.status === undefined ? {} : { status: query.status }),
});
