import { http } from '@motorcade/lambda';

/** `GET /tracking/health` (no authorizer): the API and its functions answer. */
export const handler = http({
  action: 'health',
  handler: async () => ({ status: 'ok', service: 'tracking' }),
});
