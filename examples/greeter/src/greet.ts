import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

// Created once per execution environment and reused while it stays warm.
const lambda = new LambdaClient({});

/** Greets by name and asks the registry service (synchronously) how long the name is. */
export const handler = async (event: { name?: string }) => {
  const name = event.name ?? 'world';
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: process.env.LOOKUP_ARN, Payload: JSON.stringify({ word: name }) }),
  );
  const lookup = JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8')) as { length: number };
  return {
    message: `${process.env.GREETING}, ${name}!`,
    nameLength: lookup.length,
    registeredAs: process.env.REGISTERED_AS,
  };
};
