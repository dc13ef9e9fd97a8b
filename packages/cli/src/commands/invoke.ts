import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import { callEdge, edgeUrl, failure } from '../edge-client.js';
import { type CommonOptions, stateDirectory } from '../project-paths.js';
import { fetchStacks } from './stacks.js';

export interface InvokeCliOptions extends CommonOptions {
  readonly edgePort?: string;
  readonly event?: string;
  readonly async?: boolean;
}

/**
 * `motorcade invoke <service>.<LogicalId>|<name>|<arn>`: invokes a function through the edge's
 * Lambda Invoke API, prints its log tail to stderr and its result to stdout.
 */
export async function invoke(target: string, options: InvokeCliOptions): Promise<void> {
  const base = await edgeUrl(options.edgePort, stateDirectory(options));
  const functionArn = await resolveTarget(target, options);
  const payload = await readEvent(options.event);
  const response = await callEdge(
    `${base}/2015-03-31/functions/${encodeURIComponent(functionArn)}/invocations`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amz-invocation-type': options.async ? 'Event' : 'RequestResponse',
        'x-amz-log-type': options.async ? 'None' : 'Tail',
      },
      body: payload,
    },
  );
  if (response.status >= 400) throw await failure(response);
  const logs = response.headers.get('x-amz-log-result');
  if (logs) process.stderr.write(Buffer.from(logs, 'base64').toString('utf8'));
  if (options.async) {
    process.stdout.write(`queued (${response.status})\n`);
    return;
  }
  process.stdout.write(`${await response.text()}\n`);
  if (response.headers.get('x-amz-function-error'))
    throw new CliError('the function failed (see its error above)', 2);
}

async function resolveTarget(target: string, options: InvokeCliOptions): Promise<string> {
  if (target.startsWith('arn:')) return target;
  const dot = target.indexOf('.');
  const listing = await fetchStacks(options);
  if (dot > 0) {
    const service = target.slice(0, dot);
    const logicalId = target.slice(dot + 1);
    const stack = listing.stacks.find((candidate) => candidate.service === service);
    if (!stack) throw new CliError(`No stack for service '${service}' in ${listing.environment}`);
    const fn = stack.functions.find((candidate) => candidate.logicalId === logicalId);
    if (!fn) {
      const known = stack.functions.map((candidate) => candidate.logicalId).join(', ') || 'none';
      throw new CliError(`${stack.name} has no function ${logicalId} (it has: ${known})`);
    }
    return fn.arn;
  }
  const fn = listing.stacks
    .flatMap((stack) => stack.functions)
    .find((candidate) => candidate.name === target);
  if (!fn) throw new CliError(`No function named ${target} in ${listing.environment}`);
  return fn.arn;
}

async function readEvent(source: string | undefined): Promise<string> {
  if (source === undefined) return '{}';
  try {
    const text = source === '-' ? await readStdin() : await readFile(source, 'utf8');
    JSON.parse(text);
    return text;
  } catch (error) {
    throw new CliError(`--event ${source}: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
