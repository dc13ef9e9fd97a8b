import type { FeedPosition } from './position-feed.js';

/** API Gateway's limit on one WebSocket frame sent through `@connections` (128 KB). */
export const MAX_FRAME_BYTES = 128 * 1024;

/** A fleet event as the dashboard receives it (the bus's envelope without its tracing fields). */
export interface PushedEvent {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly detail: unknown;
}

/** The messages the server sends to a browser (JSON text frames). */
export type ServerMessage =
  | { readonly type: 'positions'; readonly positions: readonly FeedPosition[] }
  | { readonly type: 'event'; readonly event: PushedEvent }
  | { readonly type: 'pong' }
  | { readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } };

/**
 * The frame of a fleet event.
 * @example
 * const frame = eventFrame(envelope);
 */
export function eventFrame(event: PushedEvent): string {
  const { id, type, time, detail } = event;
  return JSON.stringify({ type: 'event', event: { id, type, time, detail } } satisfies ServerMessage);
}

/**
 * The frames of an organisation's coalesced positions: one, unless it would exceed API Gateway's
 * 128 KB frame limit (about 800 vehicles moving within one batch), in which case the positions are
 * split over as few frames as fit.
 * @example
 * const frames = positionFrames(positions);
 */
export function positionFrames(positions: readonly FeedPosition[], maxBytes = MAX_FRAME_BYTES): string[] {
  const whole = JSON.stringify({ type: 'positions', positions } satisfies ServerMessage);
  if (Buffer.byteLength(whole) <= maxBytes) return [whole];
  const overhead = Buffer.byteLength('{"type":"positions","positions":[]}');
  const frames: string[] = [];
  let chunk: string[] = [];
  let size = overhead;
  for (const position of positions) {
    const item = JSON.stringify(position);
    const itemBytes = Buffer.byteLength(item) + 1;
    if (chunk.length > 0 && size + itemBytes > maxBytes) {
      frames.push(`{"type":"positions","positions":[${chunk.join(',')}]}`);
      chunk = [];
      size = overhead;
    }
    chunk.push(item);
    size += itemBytes;
  }
  if (chunk.length > 0) frames.push(`{"type":"positions","positions":[${chunk.join(',')}]}`);
  return frames;
}

/**
 * The answer to a ping.
 * @example
 * await pusher.push(connectionId, pongFrame());
 */
export function pongFrame(): string {
  return JSON.stringify({ type: 'pong' } satisfies ServerMessage);
}

/**
 * An error frame for a message the server does not understand.
 * @example
 * await pusher.push(connectionId, errorFrame('UNKNOWN_ACTION', 'Send {"action":"ping"}'));
 */
export function errorFrame(code: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { code, message } } satisfies ServerMessage);
}
