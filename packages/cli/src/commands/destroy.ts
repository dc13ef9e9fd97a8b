import { callEdge, edgeUrl, failure } from '../edge-client.js';
import { type CommonOptions, stateDirectory } from '../project-paths.js';

export interface DestroyOptions extends CommonOptions {
  readonly edgePort?: string;
}

/** `motorcade destroy <service>`: asks the running local cloud to delete `<env>-<service>`. */
export async function destroy(service: string, options: DestroyOptions): Promise<void> {
  const base = await edgeUrl(options.edgePort, stateDirectory(options));
  const name = `${options.env}-${service}`;
  const response = await callEdge(
    `${base}/_motorcade/stacks/${encodeURIComponent(name)}?env=${encodeURIComponent(options.env)}`,
    { method: 'DELETE' },
  );
  if (!response.ok) throw await failure(response);
  process.stdout.write(`deleted ${name}\n`);
}
