import { postEvent, respond } from '@motorcade/lambda';
import { z } from 'zod';
import type { DriverAnswer } from '../domain/index.js';
import { OfferApi } from '../service/offer-api.js';
import { database } from './database.js';
import { userRoute } from './routes.js';

const pathSchema = z.object({ offerId: z.string().min(1).max(200) });

/**
 * `POST /allocation/offers/{offerId}/accept|reject` (drivers): checks the answer against the
 * stored offer, posts `offerAccepted` / `offerRejected` and answers 202; the outcome arrives as an
 * event. Both routes are this one factory with the answer fixed.
 * @example
 * export const handler = answerRoute('accepted');
 */
export function answerRoute(answer: DriverAnswer) {
  const db = database('close-after-invocation');
  return userRoute({
    action: answer === 'accepted' ? 'acceptOffer' : 'rejectOffer',
    connections: [db],
    request: { path: pathSchema },
    handler: async ({ path }, caller) => {
      const receipt = await new OfferApi(db).answer(
        caller,
        path.offerId,
        answer,
        new Date(),
        async (type, detail) => {
          await postEvent(type, detail);
        },
      );
      return respond(202, receipt);
    },
  });
}
