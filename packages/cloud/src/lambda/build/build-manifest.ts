import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** Written into the function's outDir after a successful build; its absence forces a rebuild. */
export const MANIFEST_FILE = '.motorcade-build.json';

const fileStampSchema = z.object({
  path: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  sha256: z.string(),
});

const manifestSchema = z.object({
  version: z.literal(1),
  /** Hash of everything that shapes the build besides the files: esbuild's version and options. */
  optionsKey: z.string(),
  /** Every file the build read (esbuild's metafile inputs, node_modules included) and the configs it consulted. */
  files: z.array(fileStampSchema),
  /** Absolute source files outside node_modules, for a watcher. */
  inputs: z.array(z.string()),
  /** Files esbuild wrote, relative to outDir. */
  outputs: z.array(z.string()),
});

/** What one build read and wrote, so the next one can tell whether anything changed. */
export type BuildManifest = z.infer<typeof manifestSchema>;
/** Size, mtime and content hash of one file the build read. */
export type FileStamp = z.infer<typeof fileStampSchema>;

/** A stable hash of the build's options; `options` must be plain JSON built in a fixed key order. */
export function optionsKey(options: unknown): string {
  return createHash('sha256').update(JSON.stringify(options)).digest('hex');
}

/** The previous build's manifest, or undefined when there is none or it is unreadable (a rebuild fixes both). */
export async function readManifest(outDir: string): Promise<BuildManifest | undefined> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the manifest; done last, so a build interrupted half-way is never mistaken for a complete one. */
export async function writeManifest(outDir: string, manifest: BuildManifest): Promise<void> {
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Whether the previous build still stands: same options, every output present, and every input unchanged.
 * Size and mtime decide quickly; when they differ the content hash has the last word, so a `git checkout`
 * or an editor that rewrites a file unchanged does not cost a rebuild.
 */
export async function isUpToDate(manifest: BuildManifest, key: string, outDir: string): Promise<boolean> {
  if (manifest.optionsKey !== key) return false;
  const outputs = await Promise.all(
    manifest.outputs.map((output) => stat(join(outDir, output)).catch(() => undefined)),
  );
  if (outputs.some((output) => output === undefined)) return false;
  const unchanged = await Promise.all(manifest.files.map(isUnchanged));
  return unchanged.every(Boolean);
}

/** Stamps each file; one that vanished meanwhile gets a stamp nothing matches, so the next build reruns. */
export async function stampFiles(paths: readonly string[]): Promise<FileStamp[]> {
  return Promise.all(
    paths.map((path) =>
      stampFile(path).catch((): FileStamp => ({ path, size: -1, mtimeMs: -1, sha256: '' })),
    ),
  );
}

async function stampFile(path: string): Promise<FileStamp> {
  const [info, content] = await Promise.all([stat(path), readFile(path)]);
  return { path, size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(content) };
}

async function isUnchanged(stamp: FileStamp): Promise<boolean> {
  const info = await stat(stamp.path).catch(() => undefined);
  if (info === undefined) return false;
  if (info.size === stamp.size && info.mtimeMs === stamp.mtimeMs) return true;
  if (info.size !== stamp.size) return false;
  return sha256(await readFile(stamp.path)) === stamp.sha256;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
