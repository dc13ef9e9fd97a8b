import { callable } from '@motorcade/lambda';
import { z } from 'zod';

/** Answers a word's length; other services reach it with `invoke` through the ARN this stack exports. */
export const handler = callable({
  action: 'lookUpWord',
  input: z.object({ word: z.string().default('') }),
  handler: async ({ word }) => ({ word, length: word.length }),
});
