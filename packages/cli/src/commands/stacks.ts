import type { StackSummary } from '@motorcade/cloud';
import { callEdge, edgeUrl, failure } from '../edge-client.js';
import { type CommonOptions, stateDirectory } from '../project-paths.js';

export interface StacksOptions extends CommonOptions {
  readonly edgePort?: string;
  readonly json?: boolean;
}

interface StacksListing {
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  readonly stacks: readonly StackSummary[];
}

/** Fetches what the running local cloud has deployed in an environment. */
export async function fetchStacks(options: StacksOptions): Promise<StacksListing> {
  const base = await edgeUrl(options.edgePort, stateDirectory(options));
  const response = await callEdge(`${base}/_motorcade/stacks?env=${encodeURIComponent(options.env)}`);
  if (!response.ok) throw await failure(response);
  return (await response.json()) as StacksListing;
}

/** `motorcade stacks`: the deployed stacks, their functions and exports. */
export async function stacks(options: StacksOptions): Promise<void> {
  const listing = await fetchStacks(options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${listing.environment} (account ${listing.account}, ${listing.region})\n`);
  for (const stack of listing.stacks) {
    process.stdout.write(`\n${stack.name}  ${stack.status}\n`);
    for (const fn of stack.functions) process.stdout.write(`  function ${fn.logicalId}  ${fn.arn}\n`);
    for (const [name, value] of Object.entries(stack.exports))
      process.stdout.write(`  export   ${name} = ${value}\n`);
    for (const name of stack.imports) process.stdout.write(`  import   ${name}\n`);
  }
}
