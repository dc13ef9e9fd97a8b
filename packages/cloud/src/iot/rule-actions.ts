import type { EnvironmentContext } from '../cloud-service.js';
import type { RuleOutput } from './sql/sql-evaluator.js';
import type { RuleAction } from './topic-rule.js';

/** The name AWS IoT gives an action type in error action messages (`failedAction`). */
export function actionName(action: RuleAction): string {
  return action.kind === 'lambda' ? 'LambdaAction' : 'SqsAction';
}

/** The resource an action writes to, for error action messages (`failedResource`). */
export function actionResource(action: RuleAction): string {
  return action.kind === 'lambda' ? action.functionArn : action.queueUrl;
}

/** The bytes of a rule's output. */
export function outputBytes(output: RuleOutput): Buffer {
  return output.kind === 'raw' ? output.payload : Buffer.from(JSON.stringify(output.value));
}

/**
 * Performs one action with a rule's output and resolves once it is handed over: the function's
 * asynchronous invocation queued, the message given to the queue.
 * @throws Error with the reason AWS IoT would report in the error action message
 */
export async function performAction(
  action: RuleAction,
  output: RuleOutput,
  context: EnvironmentContext,
): Promise<void> {
  const bytes = outputBytes(output);
  if (action.kind === 'lambda') {
    // The Lambda action takes JSON only; binary payloads must be encoded in the SQL (encode(*, 'base64')).
    if (output.kind === 'raw' && !isJson(bytes)) {
      throw new Error(
        `The payload is not JSON, which the Lambda action cannot send to ${action.functionArn}; select encode(*, 'base64') instead.`,
      );
    }
    await context.lambda.invoke(action.functionArn, bytes, { invocationType: 'Event' });
    return;
  }
  await context.deliver(
    action.queueArn,
    action.useBase64 ? bytes.toString('base64') : bytes.toString('utf8'),
  );
}

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
