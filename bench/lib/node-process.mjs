import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopChild, trackChild } from './cleanup.mjs';
import { readMemory } from './proc-status.mjs';

/**
 * Starts `node <args>` as a separate process whose output goes to `logFile` (not a pipe, so the
 * bench process spends no time reading it while it measures) and waits until a line matches
 * `ready`. Polls the file every 20 ms, at most `timeoutMs`.
 */
export async function startNodeProcess({ args, cwd, logFile, ready, timeoutMs = 30_000 }) {
  const fd = openSync(logFile, 'w');
  const child = trackChild(spawn(process.execPath, args, { cwd, stdio: ['ignore', fd, fd] }));
  closeSync(fd);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const match = ready.exec(readFileSync(logFile, 'utf8'));
    if (match)
      return {
        child,
        pid: child.pid,
        match,
        memory: () => readMemory(child.pid),
        stop: () => stopChild(child),
      };
    if (child.exitCode !== null || child.signalCode !== null) break;
    await sleep(20);
  }
  const exited = child.exitCode !== null || child.signalCode !== null;
  await stopChild(child);
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  const why = exited
    ? `exited (${child.exitCode ?? child.signalCode})`
    : `printed nothing like it in ${timeoutMs} ms`;
  throw new Error(`node ${args.join(' ')} was to print ${ready} but ${why}:\n${tail}`);
}
