import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { awsClientConfig } from '@motorcade/lambda';
import { DeliveryFailure } from '../domain/errors.js';
import { describeAwsError, isAwsError } from './aws-error.js';

// Lambda answers an Event invoke as soon as it has queued it; seconds of silence mean trouble,
// and the retry sweep is a better place to wait than this invocation.
const client = new LambdaClient(awsClientConfig({ requestTimeoutMs: 2_000, maxAttempts: 2 }));

// The payload can never be accepted, so retrying is pointless: these go to the dead letters.
const PERMANENT = new Set(['RequestTooLargeException', 'InvalidRequestContentException']);

/**
 * Delivers an envelope to a lambda listener by asynchronous invoke: Lambda queues it (journaled
 * before its 202), retries the function on error and then hands it to the function's own
 * on-failure destination or dead-letter queue.
 * @example
 * await invokeListener('arn:aws:lambda:eu-west-1:123456789012:function:allocate', envelope);
 */
export async function invokeListener(functionArn: string, envelope: string): Promise<void> {
  try {
    await client.send(
      new InvokeCommand({
        FunctionName: functionArn,
        InvocationType: 'Event',
        Payload: Buffer.from(envelope),
      }),
    );
  } catch (error) {
    throw new DeliveryFailure(`Invoke ${functionArn}: ${describeAwsError(error)}`, {
      permanent: isAwsError(error) && PERMANENT.has(error.name),
      cause: error,
    });
  }
}
