import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './cli-error.js';
import { portOption } from './number-options.js';

/** Where `motorcade dev` writes the URL it listens on, for the other commands to find. */
export function edgeFile(stateDir: string): string {
  return join(stateDir, 'edge.json');
}

/**
 * The running local cloud's edge URL: `--edge-port` if given, else what `motorcade dev` recorded
 * in the state directory, else the default port.
 */
export async function edgeUrl(edgePort: string | undefined, stateDir: string): Promise<string> {
  if (edgePort !== undefined) return `http://127.0.0.1:${portOption('--edge-port', edgePort)}`;
  try {
    const recorded = JSON.parse(await readFile(edgeFile(stateDir), 'utf8')) as { url?: string };
    if (recorded.url) return recorded.url;
  } catch {
    // No record: fall back to the default port.
  }
  return 'http://127.0.0.1:4566';
}

/** Calls the running local cloud; a refused connection becomes one line saying to start it. */
export async function callEdge(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') {
      throw new CliError(
        `No local cloud is running at ${new URL(url).origin}: start it with 'motorcade dev' (or npm start)`,
      );
    }
    throw new CliError(
      `Cannot reach the local cloud at ${new URL(url).origin}: ${cause?.message ?? (error as Error).message}`,
    );
  }
}

/** Reads a JSON error body `{message}` into one line. */
export async function failure(response: Response): Promise<CliError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: string; Message?: string };
    return new CliError(body.message ?? body.Message ?? text);
  } catch {
    return new CliError(`${response.status} ${response.statusText}: ${text.slice(0, 200)}`);
  }
}
