import { answerMessage } from '../domain/client-messages.js';
import { connectionsPusher } from '../lambda/connections-client.js';
import { webSocketRoute } from '../lambda/websocket-route.js';

const pusher = connectionsPusher();

/** The `ping` and `$default` routes: `{ "action": "ping" }` → `{ "type": "pong" }`, else an error frame. */
export const handler = webSocketRoute({
  action: 'answerMessage',
  handler: async ({ requestContext }) => {
    await answerMessage(pusher, requestContext.connectionId, requestContext.routeKey);
  },
});
