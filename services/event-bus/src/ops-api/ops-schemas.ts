import { z } from 'zod';
import { MAX_REPLAY_PAGE } from '../domain/replay.js';

const eventId = z.union([z.string().regex(/^[1-9]\d{0,18}$/), z.number().int().positive()]).transform(String);

/**
 * Who may call the ops API, as the authorizer's context says: the stack's own TOKEN authorizer
 * (`role: ops`), and no one else. An organisation's `admin` (the users service's role) is not an
 * operator: the log holds every organisation's events. A route that reaches its handler without
 * that context (deployed without the authorizer) answers a 500 that exposes nothing.
 */
export const opsCaller = z.looseObject({ principalId: z.string().min(1), role: z.literal('ops') });

/** `?limit=` of the list routes: 1 to 500, 50 by default. */
export const limitQuery = z.coerce.number().int().min(1).max(500).default(50);

/** `/listeners/{listenerId}/...`. */
export const listenerPath = z.object({ listenerId: z.coerce.number().int().positive() });

/** `GET /events?limit=&before=&type=`. */
export const eventsQuery = z.object({
  limit: limitQuery,
  before: eventId.optional(),
  type: z.string().min(1).optional(),
});

/** The statuses a delivery can be in. */
export const deliveryStatus = z.enum(['pending', 'delivered', 'failed', 'dead']);

/** `GET /listeners/{listenerId}/deliveries?status=&limit=` (dead letters by default). */
export const deliveriesQuery = z.object({ status: deliveryStatus.default('dead'), limit: limitQuery });

/** `POST /listeners/{listenerId}/redeliver`: some dead letters by id, or (no body) all of them. */
export const redeliverBody = z
  .object({ deliveryIds: z.array(z.number().int().positive()).min(1).max(1_000).optional() })
  .strict()
  .optional();

/** `POST /listeners/{listenerId}/replay`: from an event id or a time (inclusive), one of them. */
export const replayBody = z
  .object({
    fromEventId: eventId.optional(),
    fromTime: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(MAX_REPLAY_PAGE).default(1_000),
  })
  .strict()
  .refine((body) => (body.fromEventId === undefined) !== (body.fromTime === undefined), {
    message: 'give either fromEventId or fromTime',
  });

/** `GET /refusals?limit=`. */
export const refusalsQuery = z.object({ limit: limitQuery });
