import { z } from 'zod';

/**
 * The envelope of every event on the event bus. One schema shared by the bus (which validates what
 * it accepts) and by listeners (which validate what they receive), so the two cannot drift apart.
 *
 * - `type` is camelCase (`allocationAccepted`), `source` the posting service.
 * - `correlationId` ties every event and call of one user action together; `causationId` is the id
 *   of the event (or request) that directly caused this one, so a chain can be rebuilt from logs.
 *
 * @example
 * const event = eventEnvelopeSchema.parse(JSON.parse(body));
 * console.log(event.type, event.correlationId);
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be camelCase, e.g. allocationAccepted'),
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  detail: z.unknown(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
});

/**
 * An event on the bus, its `detail` typed by the listener's schema.
 * @example
 * const event: EventEnvelope<{ vehicleId: string }> = { id, type: 'vehicleMoved', source: 'tracking', time, detail: { vehicleId }, correlationId };
 */
export type EventEnvelope<TDetail = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'detail'> & {
  detail: TDetail;
};

/**
 * The envelope schema with `detail` checked by `detail`.
 * @example
 * const schema = eventEnvelopeOf(z.object({ vehicleId: z.string() }));
 * const event = schema.parse(raw); // event.detail.vehicleId is a string
 */
export function eventEnvelopeOf<TDetail extends z.ZodType>(detail: TDetail) {
  return eventEnvelopeSchema.extend({ detail });
}
