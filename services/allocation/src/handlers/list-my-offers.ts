import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { OfferApi } from '../service/offer-api.js';

// Drivers poll this: the pool is kept warm between invocations.
const db = database('reuse-across-invocations');

/** `GET /allocation/offers/mine` (drivers): the caller's vehicle and its open offers; 409 NO_VEHICLE without one. */
export const handler = userRoute({
  action: 'listMyOffers',
  connections: [db],
  handler: async (_request, caller) => new OfferApi(db).mine(caller, new Date()),
});
