import { http } from '@motorcade/lambda';

/** `GET /items/health` (no authorizer): the API and its functions answer. */
export const handler = http({
  action: 'health',
  handler: async () => ({ status: 'ok', service: 'items' }),
});
