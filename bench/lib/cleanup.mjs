import { rmSync } from 'node:fs';

/**
 * Everything a benchmark started that must not outlive it: child processes and temp dirs.
 * `cleanUp()` stops them gracefully; the `exit` hook is the last resort (SIGKILL, sync rm) so an
 * error, Ctrl-C or a crash never leaves a local cloud running or a temp project behind.
 */
const children = new Set();
const directories = new Set();

/** Registers a child process; it is forgotten once it exits. */
export function trackChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Registers a directory to delete at the end. */
export function trackDirectory(directory) {
  directories.add(directory);
  return directory;
}

/** Stops one child: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every tracked child and deletes every tracked directory. */
export async function cleanUp() {
  await Promise.all([...children].map((child) => stopChild(child)));
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  directories.clear();
}

function cleanUpNow() {
  for (const child of children) child.kill('SIGKILL');
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
}

let installed = false;

/** Installs the last-resort hooks once (process exit, SIGINT, SIGTERM). */
export function installCleanupHooks() {
  if (installed) return;
  installed = true;
  process.once('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, cleaning up\n`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
