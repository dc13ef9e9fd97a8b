import { answerRoute } from '../lambda/answer-route.js';

/** `POST /allocation/offers/{offerId}/accept` (drivers): 202 after posting `offerAccepted`. */
export const handler = answerRoute('accepted');
