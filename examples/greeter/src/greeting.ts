import { invoke } from '@motorcade/lambda';
import { z } from 'zod';

const lookupResult = z.object({ length: z.number() });

/** Greets by name, asking the registry service (synchronously, through its exported ARN) how long the name is. */
export async function greet(name: string) {
  const lookup = await invoke(process.env.LOOKUP_ARN ?? '', { word: name }, { result: lookupResult });
  return {
    message: `${process.env.GREETING}, ${name}!`,
    nameLength: lookup.length,
    registeredAs: process.env.REGISTERED_AS,
  };
}
