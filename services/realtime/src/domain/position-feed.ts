import { z } from 'zod';

/** One vehicle's position as the tracking service's feed carries it (docs/fleet.md). */
export const feedPositionSchema = z.object({
  vehicleId: z.string().min(1),
  deviceId: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  fixTime: z.iso.datetime({ offset: true }),
  speedKph: z.number().nullable().default(null),
  heading: z.number().nullable().default(null),
});
/** A vehicle's position, as pushed to the dashboard. */
export type FeedPosition = z.infer<typeof feedPositionSchema>;

/** One message of the `PositionFeed` queue: what one tracking request brought, for one organisation. */
export const feedMessageSchema = z.object({
  orgId: z.uuid(),
  positions: z.array(feedPositionSchema),
});
/** One position feed message. */
export type FeedMessage = z.infer<typeof feedMessageSchema>;

/** The positions of one organisation in one feed batch, and the messages they came from. */
export interface OrganisationPositions {
  readonly orgId: string;
  /** The newest fix of each vehicle, one entry per vehicle. */
  readonly positions: FeedPosition[];
  /** The ids of the queue messages that brought them (to report them if the push fails). */
  readonly messageIds: string[];
}

/**
 * Coalesces a feed batch: per organisation, the newest fix of each vehicle (by `fixTime`; on a
 * tie, the later message wins). Tracking only sends fixes that became their vehicle's latest, but
 * one batch holds many requests' messages, so a vehicle that reports every few seconds appears in
 * several of them.
 * @example
 * for (const { orgId, positions } of coalescePositions(batch)) await push(orgId, positions);
 */
export function coalescePositions(
  batch: readonly { readonly messageId: string; readonly message: FeedMessage }[],
): OrganisationPositions[] {
  const organisations = new Map<string, { vehicles: Map<string, FeedPosition>; messageIds: string[] }>();
  for (const { messageId, message } of batch) {
    let organisation = organisations.get(message.orgId);
    if (!organisation) {
      organisation = { vehicles: new Map(), messageIds: [] };
      organisations.set(message.orgId, organisation);
    }
    organisation.messageIds.push(messageId);
    for (const position of message.positions) {
      const known = organisation.vehicles.get(position.vehicleId);
      if (!known || Date.parse(position.fixTime) >= Date.parse(known.fixTime))
        organisation.vehicles.set(position.vehicleId, position);
    }
  }
  return [...organisations].map(([orgId, { vehicles, messageIds }]) => ({
    orgId,
    positions: [...vehicles.values()],
    messageIds,
  }));
}

/**
 * A queue message's body read as a feed message, or the problems that make it none (each naming
 * the field, e.g. `positions.0.fixTime: Invalid ISO datetime`).
 * @example
 * const parsed = parseFeedMessage(record.body);
 * if (!parsed.success) logger.warn('Not a feed message', { problems: parsed.problems });
 */
export function parseFeedMessage(
  body: string,
):
  | { readonly success: true; readonly message: FeedMessage }
  | { readonly success: false; readonly problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { success: false, problems: ['body: Malformed JSON'] };
  }
  const parsed = feedMessageSchema.safeParse(json);
  if (parsed.success) return { success: true, message: parsed.data };
  return {
    success: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
  };
}
