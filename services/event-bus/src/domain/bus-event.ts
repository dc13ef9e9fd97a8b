/** An event as the log holds it: the envelope's fields, the detail as its JSON text. */
export interface LoggedEvent {
  /** The bus's ordering id (a bigint, as a string). */
  readonly id: string;
  readonly type: string;
  readonly source: string;
  /** The bus's timestamp, ISO 8601 in UTC. */
  readonly time: string;
  readonly detailJson: string;
  readonly correlationId: string;
  readonly causationId?: string | undefined;
}

/** Lambda's limit on an asynchronous invocation, and so on an event: 1 MB. */
export const EVENT_SIZE_LIMIT_BYTES = 1024 * 1024;

// The widest id and time an envelope can carry, to size an event before it has either.
const WIDEST_ID = '9223372036854775807';
const SAMPLE_TIME = '2000-01-01T00:00:00.000Z';

/**
 * The envelope listeners receive, as JSON: `{ id, type, source, time, detail, correlationId,
 * causationId? }` — the library's `eventEnvelopeSchema`. Built from the detail's JSON text, so a
 * large detail is never serialised twice.
 * @example
 * const body = envelopeJson(event); // '{"id":"42","type":"orderPlaced",...}'
 */
export function envelopeJson(event: LoggedEvent): string {
  let json = `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"source":${JSON.stringify(event.source)},"time":${JSON.stringify(event.time)},"detail":${event.detailJson},"correlationId":${JSON.stringify(event.correlationId)}`;
  if (event.causationId !== undefined) json += `,"causationId":${JSON.stringify(event.causationId)}`;
  return `${json}}`;
}

/**
 * The largest size the envelope of an event not yet logged can have, in bytes (its id and time
 * are not known yet, so the widest are assumed).
 * @example
 * if (envelopeBytesAtMost(event) > EVENT_SIZE_LIMIT_BYTES) refuse();
 */
export function envelopeBytesAtMost(event: Omit<LoggedEvent, 'id' | 'time'>): number {
  return Buffer.byteLength(envelopeJson({ ...event, id: WIDEST_ID, time: SAMPLE_TIME }));
}
