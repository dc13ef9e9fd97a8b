import { appendFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

/** Appends an error's full detail (stack, cause chain) to the CLI log and returns its path. */
export async function writeLogFile(error: unknown): Promise<string> {
  const dir = join(tmpdir(), 'motorcade');
  const file = join(dir, 'cli.log');
  try {
    await mkdir(dir, { recursive: true });
    await appendFile(file, `${new Date().toISOString()} ${inspect(error, { depth: 8 })}\n`);
  } catch {
    // The log is a convenience; failing to write it must not hide the error itself.
  }
  return file;
}
