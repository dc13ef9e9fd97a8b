import { http } from '@motorcade/lambda';
import { z } from 'zod';
import { greet } from './greeting.js';

/** `GET /greeter/hello/{name}`, behind the registry stack's authorizer. */
export const handler = http({
  action: 'greetOverHttp',
  request: { path: z.object({ name: z.string().min(1) }) },
  handler: async ({ path }) => greet(path.name),
});
