import { answerRoute } from '../lambda/answer-route.js';

/** `POST /allocation/offers/{offerId}/reject` (drivers): 202 after posting `offerRejected`. */
export const handler = answerRoute('rejected');
