import { z } from 'zod';

/**
 * What travels instead of a payload that is over the Lambda limit: the payload is in S3 and
 * `url` is a presigned GET for it. `size` and `sha256` let the reader check it got all of it.
 * @example
 * const envelope: OffloadEnvelope = { motorcadeOffload: { url, size: 10_485_760, contentType: 'application/json', sha256 } };
 */
export const offloadEnvelopeSchema = z.object({
  motorcadeOffload: z.object({
    url: z.url(),
    size: z.number().int().nonnegative(),
    contentType: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});

/**
 * The offload envelope (see {@link offloadEnvelopeSchema}).
 * @example
 * if (isOffloadEnvelope(result)) console.log(result.motorcadeOffload.size);
 */
export type OffloadEnvelope = z.infer<typeof offloadEnvelopeSchema>;

/** The media type a client sends in `Accept` to get the envelope instead of a 303 redirect. */
export const OFFLOAD_MEDIA_TYPE = 'application/vnd.motorcade.offload+json';

/**
 * Whether a value is an offload envelope (and nothing else: an envelope has exactly one key).
 * @example
 * if (isOffloadEnvelope(payload)) payload = await fetchOffloaded(payload);
 */
export function isOffloadEnvelope(value: unknown): value is OffloadEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.keys(value).length !== 1) return false;
  return offloadEnvelopeSchema.safeParse(value).success;
}
