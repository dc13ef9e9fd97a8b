import { type CloudFormationClient, ListImportsCommand } from '@aws-sdk/client-cloudformation';
import { stackName as nameOf } from '@motorcade/cloud';
import { isExportNotImported } from './aws/aws-error.js';
import { type DeployOptions, openSession } from './deploy-session.js';
import { DeployError } from './errors.js';
import { deleteAndWait } from './stack-deploy.js';
import { describeStack } from './stacks/stack-status.js';
import { emptySiteBucket } from './web/site-bucket.js';
import { WEB_SERVICE } from './web/web-stack.js';

/** What destroy found: whether there was a stack to delete. */
export type DestroyOutcome = 'deleted' | 'absent';

/**
 * `motorcade aws-destroy <service>`: deletes the service's stack in the environment, after the
 * same account guard as deploy — and refuses, naming them, while other stacks import any of its
 * exports (CloudFormation would refuse too, but only after starting the delete). For the web
 * stack, first empties the dashboard's bucket (its `BucketName` output), which CloudFormation
 * cannot delete while it holds objects.
 *
 * @throws DeployError `EXPORT_IN_USE`, or `STACK_FAILED` when the delete fails
 */
export async function destroyService(
  options: DeployOptions & { readonly service: string },
): Promise<DestroyOutcome> {
  const session = await openSession({ ...options, services: [options.service] }, false);
  const cf = session.clients.cloudFormation;
  const stackName = nameOf(options.env, options.service);
  const stack = await describeStack(cf, stackName);
  if (stack === undefined) {
    session.progress(`${stackName}: not deployed`);
    return 'absent';
  }
  const exports = (stack.Outputs ?? []).flatMap((output) => (output.ExportName ? [output.ExportName] : []));
  const users: string[] = [];
  for (const name of exports) {
    const importers = await importersOf(cf, name);
    if (importers.length > 0) users.push(`${name} (imported by ${importers.join(', ')})`);
  }
  if (users.length > 0) {
    throw new DeployError(
      'EXPORT_IN_USE',
      `${stackName} cannot be destroyed while other stacks import its exports: ${users.join('; ')}. Destroy those first`,
    );
  }
  const bucket = stack.Outputs?.find((output) => output.OutputKey === 'BucketName')?.OutputValue;
  if (options.service === WEB_SERVICE && options.config.web !== undefined && bucket !== undefined) {
    session.progress(`${stackName}: emptying s3://${bucket}`);
    const deleted = await emptySiteBucket(session.clients.s3, bucket);
    session.progress(
      `${stackName}: deleted ${deleted} object${deleted === 1 ? '' : 's'} from s3://${bucket}`,
    );
  }
  session.progress(`${stackName}: deleting`);
  await deleteAndWait(session, stackName, (text) => session.progress(`${stackName}: ${text}`));
  session.progress(`${stackName}: DELETE_COMPLETE`);
  return 'deleted';
}

/** The stacks importing an export; ListImports answers a ValidationError when there are none. */
async function importersOf(cf: CloudFormationClient, exportName: string): Promise<string[]> {
  const importers: string[] = [];
  let next: string | undefined;
  try {
    do {
      const page = await cf.send(new ListImportsCommand({ ExportName: exportName, NextToken: next }));
      importers.push(...(page.Imports ?? []));
      next = page.NextToken;
    } while (next !== undefined);
  } catch (error) {
    if (isExportNotImported(error)) return [];
    throw error;
  }
  return importers;
}
