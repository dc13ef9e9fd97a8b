import { callable } from '@motorcade/lambda';
import { z } from 'zod';
import { greet } from './greeting.js';

/** Called directly: `motorcade invoke greeter.Greet`. */
export const handler = callable({
  action: 'greet',
  input: z.object({ name: z.string().default('world') }),
  handler: async ({ name }) => greet(name),
});
