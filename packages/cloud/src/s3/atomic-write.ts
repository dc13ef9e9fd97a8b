import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a small file so that readers (and a restart after kill -9) see the old content or the
 * new, never a torn one: a temporary file beside it, then rename, which is atomic on one file
 * system. Synchronous on purpose: the in-memory index is updated in the same tick, so concurrent
 * writers of one key cannot interleave between the rename and the index.
 */
export function writeFileAtomicSync(file: string, content: string | Buffer): void {
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
