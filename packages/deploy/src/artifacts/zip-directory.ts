import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import yazl from 'yazl';

/** A zip in memory and the SHA-256 of its bytes (hex), the key of its upload. */
export interface ZipArtifact {
  readonly bytes: Buffer;
  readonly sha256: string;
}

/** DOS timestamps start in 1980: every entry gets this one so equal code zips to equal bytes. */
const FIXED_TIME = new Date('1980-01-01T00:00:00Z');

/**
 * Zips a directory reproducibly: files in sorted order, one fixed timestamp and mode, so the
 * same code always yields the same bytes and the same hash, and an unchanged function is neither
 * uploaded again nor updated by CloudFormation.
 */
export async function zipDirectory(dir: string): Promise<ZipArtifact> {
  const files = (await listFiles(dir)).sort();
  const zip = new yazl.ZipFile();
  for (const file of files) {
    const name = relative(dir, file).split(sep).join('/');
    zip.addBuffer(await readFile(file), name, { mtime: FIXED_TIME, mode: 0o100644 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}
