import { InvalidRequestContentError } from './lambda-errors.js';

/**
 * The event as the function receives it: Lambda passes `{}` for an empty payload and refuses
 * anything that is not JSON. Parsing is the only complete JSON check there is; for the small
 * payloads of the hot path it costs well under a microsecond.
 */
export function eventText(payload: Buffer): string {
  if (payload.length === 0) return '{}';
  const text = payload.toString();
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestContentError(error instanceof Error ? error.message : String(error));
  }
  return text;
}
