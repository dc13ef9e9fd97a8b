import type { Pusher, PushOutcome } from './ports.js';
import { errorFrame, pongFrame } from './server-messages.js';

/** The actions a browser may send (`{ "action": "ping" }`). */
export const CLIENT_ACTION = { ping: 'ping' } as const;

/**
 * Answers a browser's message: `ping` with `{ type: 'pong' }`; anything else (the `$default`
 * route) with an `UNKNOWN_ACTION` error frame naming what is understood.
 * @example
 * await answerMessage(pusher, connectionId, routeKey);
 */
export async function answerMessage(
  pusher: Pusher,
  connectionId: string,
  routeKey: string,
): Promise<PushOutcome> {
  if (routeKey === CLIENT_ACTION.ping) return pusher.push(connectionId, pongFrame());
  return pusher.push(
    connectionId,
    errorFrame('UNKNOWN_ACTION', 'Unknown action: send {"action":"ping"}; fleet updates are pushed to you'),
  );
}
