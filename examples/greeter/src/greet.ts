import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

// Created once per execution environment and reused while it stays warm.
const lambda = new LambdaClient({});

interface ApiEvent {
  httpMethod: string;
  pathParameters: { name?: string } | null;
  requestContext: { authorizer?: { principalId?: string; role?: string } };
}

/** Greets by name and asks the registry service (synchronously) how long the name is. */
async function greet(name: string) {
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: process.env.LOOKUP_ARN, Payload: JSON.stringify({ word: name }) }),
  );
  const lookup = JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8')) as { length: number };
  return {
    message: `${process.env.GREETING}, ${name}!`,
    nameLength: lookup.length,
    registeredAs: process.env.REGISTERED_AS,
  };
}

/** Called directly (`motorcade invoke greeter.Greet`) or through the API (`GET /greeter/hello/{name}`). */
export const handler = async (event: { name?: string } | ApiEvent) => {
  if ('httpMethod' in event) {
    const body = {
      ...(await greet(event.pathParameters?.name ?? 'world')),
      caller: event.requestContext.authorizer,
    };
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
  return greet(event.name ?? 'world');
};
