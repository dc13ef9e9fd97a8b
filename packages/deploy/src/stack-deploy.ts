import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import {
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { packageTemplate } from './artifacts/package-template.js';
import type { DeploySession } from './deploy-session.js';
import { DeployError } from './errors.js';
import { type ChangeSetResult, createChangeSet, formatChange } from './stacks/change-set.js';
import type { PreparedStack } from './stacks/prepare-stacks.js';
import { parameterVariable } from './stacks/stack-parameters.js';
import { describeStack, stackCondition } from './stacks/stack-status.js';
import { seenEvents, watchStack } from './stacks/stack-watch.js';

/** What a stack step did. */
export type StackOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Uploads a stack's code and template and computes its change set against what is deployed.
 * A first create that rolled back is deleted first (it holds nothing, and CloudFormation refuses
 * to create over it).
 *
 * @throws DeployError `STACK_BUSY` while another operation runs or after a failed rollback
 */
export async function stackChangeSet(
  session: DeploySession,
  stack: PreparedStack,
  line: (text: string) => void,
): Promise<{ result: ChangeSetResult; type: 'CREATE' | 'UPDATE' }> {
  let existing = await describeStack(session.clients.cloudFormation, stack.stackName);
  const condition = stackCondition(existing);
  if (condition === 'busy' || condition === 'stuck') {
    throw new DeployError(
      'STACK_BUSY',
      `${stack.stackName} is ${existing?.StackStatus}: ${condition === 'busy' ? 'wait for the running operation to end' : 'fix it in the CloudFormation console, then deploy again'}`,
    );
  }
  if (condition === 'rolled-back-create') {
    line('deleting the failed first create (ROLLBACK_COMPLETE) before creating again');
    await deleteAndWait(session, stack.stackName, line);
    existing = undefined;
  }
  const type = condition === 'deployed' ? 'UPDATE' : 'CREATE';
  const parameters = changeSetParameters(stack, existing, type);
  const packaged = await packageTemplate({
    doc: stack.doc,
    file: stack.displayName,
    templateDir: dirname(stack.file),
    stackName: stack.stackName,
    bucket: session.bucket,
    bundle: session.bundle,
    buildDir: join(session.buildDir, stack.stackName),
  });
  const body = Buffer.from(JSON.stringify(packaged.template, null, 1));
  const key = `templates/${stack.stackName}/${createHash('sha256').update(body).digest('hex')}.json`;
  await session.bucket.putOnce(key, body, 'application/json');
  line(
    `packaged ${packaged.functions} function${packaged.functions === 1 ? '' : 's'} (${packaged.uploaded} uploaded, ${packaged.functions - packaged.uploaded} unchanged)`,
  );
  const result = await createChangeSet(
    session.clients.cloudFormation,
    {
      stackName: stack.stackName,
      templateUrl: session.bucket.url(key),
      parameters,
      type,
      tags: [
        { Key: 'motorcade:environment', Value: session.env },
        { Key: 'motorcade:service', Value: stack.service },
      ],
    },
    session.sleep,
  );
  return { result, type };
}

/**
 * Deploys one stack: change set, execute, stream its events, wait for the end.
 *
 * @throws DeployError `STACK_FAILED` with the first resource failure when it ends failed or rolled back
 */
export async function deployStack(
  session: DeploySession,
  stack: PreparedStack,
  line: (text: string) => void,
): Promise<StackOutcome> {
  const { result, type } = await stackChangeSet(session, stack, line);
  if (result.id === undefined) {
    line('no changes');
    return 'unchanged';
  }
  line(`change set: ${result.changes.length} change${result.changes.length === 1 ? '' : 's'}`);
  for (const change of result.changes) line(`  ${formatChange(change)}`);
  const cf = session.clients.cloudFormation;
  const seen = await seenEvents(cf, stack.stackName);
  await cf.send(new ExecuteChangeSetCommand({ ChangeSetName: result.id, StackName: stack.stackName }));
  const started = Date.now();
  const watched = await watchStack(
    cf,
    stack.stackName,
    seen,
    (text) => line(`  ${text}`),
    session.sleep,
    session.pollIntervalMs,
  );
  const wanted = type === 'CREATE' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
  if (watched.status !== wanted) {
    throw new DeployError(
      'STACK_FAILED',
      `${stack.stackName} ended ${watched.status}${watched.failure ? `: ${watched.failure}` : ''}`,
    );
  }
  line(`${watched.status} in ${Math.round((Date.now() - started) / 1000)} s`);
  return type === 'CREATE' ? 'created' : 'updated';
}

/** Deletes a stack and waits until it is gone, streaming its events. */
export async function deleteAndWait(
  session: DeploySession,
  stackName: string,
  line: (text: string) => void,
): Promise<void> {
  const cf = session.clients.cloudFormation;
  const seen = await seenEvents(cf, stackName);
  await cf.send(new DeleteStackCommand({ StackName: stackName }));
  const watched = await watchStack(
    cf,
    stackName,
    seen,
    (text) => line(`  ${text}`),
    session.sleep,
    session.pollIntervalMs,
  );
  if (watched.status !== 'DELETE_COMPLETE') {
    throw new DeployError(
      'STACK_FAILED',
      `${stackName} ended ${watched.status}${watched.failure ? `: ${watched.failure}` : ''}`,
    );
  }
}

/**
 * The change set's parameters. A parameter with no value anywhere keeps the stack's previous
 * value on an update (so a secret set once need not be passed on every deploy); on a create it
 * is an error naming where the value can come from.
 */
function changeSetParameters(
  stack: PreparedStack,
  existing: Stack | undefined,
  type: 'CREATE' | 'UPDATE',
): Parameter[] {
  const parameters: Parameter[] = Object.entries(stack.parameters.values).map(([key, value]) => ({
    ParameterKey: key,
    ParameterValue: value,
  }));
  const previous = new Set((existing?.Parameters ?? []).map((parameter) => parameter.ParameterKey));
  for (const name of stack.parameters.missing) {
    if (type === 'UPDATE' && previous.has(name)) {
      parameters.push({ ParameterKey: name, UsePreviousValue: true });
      continue;
    }
    const where = stack.parameters.noEcho.has(name)
      ? `set the environment variable ${parameterVariable(name)} or give it in motorcade.config.json`
      : 'give it in motorcade.config.json';
    throw new DeployError(
      'CONFIG_INVALID',
      `${stack.displayName}: parameter ${name} of ${stack.stackName} has no value: ${where}`,
    );
  }
  return parameters;
}
