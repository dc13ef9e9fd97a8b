import { http } from '@motorcade/lambda';

/** `GET /allocation/health` (no authorizer): the API and its functions answer. */
export const handler = http({
  action: 'health',
  handler: async () => ({ status: 'ok', service: 'allocation' }),
});
