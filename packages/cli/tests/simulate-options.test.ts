import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulationSettings } from '../src/commands/simulate.js';

const BIN = fileURLToPath(new URL('../bin/motorcade.js', import.meta.url));

/** Runs the built CLI; resolves with its exit code and standard error. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const child = execFile(process.execPath, [BIN, ...args], { timeout: 20_000 });
  child.stdin?.end();
  let stderr = '';
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
  return { code, stderr };
}

describe('--backlog', () => {
  it.each([
    ['simulate', '-1'],
    ['simulate', 'x'],
    ['simulate', '2.5'],
    ['dev', '-1'],
    ['dev', 'x'],
  ])('motorcade %s refuses --backlog %s in one line naming the option', async (command, value) => {
    const result = await cli([command, '--backlog', value, '--config', 'does-not-exist.json']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`--backlog ${value} must be a whole number from 0 to 1000`);
  });

  it('takes a whole number, 0 included, into the simulation settings', () => {
    expect(simulationSettings({ config: 'c', env: 'local', backlog: '7' })).toEqual({ backlog: 7 });
    expect(simulationSettings({ config: 'c', env: 'local', backlog: '0' })).toEqual({ backlog: 0 });
    expect(simulationSettings({ config: 'c', env: 'local' })).not.toHaveProperty('backlog');
  });

  it.each(['', ' 3', '1e2', '0x10', '1001'])('refuses %j in the simulation settings', (value) => {
    expect(() => simulationSettings({ config: 'c', env: 'local', backlog: value })).toThrow(
      `--backlog ${value} must be a whole number from 0 to 1000`,
    );
  });
});

describe('dev checks its numbers before it deploys anything', () => {
  it.each([
    [['dev', '--simulate', '2.5'], '--simulate 2.5 must be a whole number from 1 to 50'],
    [['dev', '--port', '1e3'], '--port 1e3 is not a port number (0 to 65535, 0 for any free port)'],
    [['invoke', 'fn', '--edge-port', 'abc'], '--edge-port abc is not a port number (1 to 65535)'],
  ])('motorcade %j says what is wrong in one line', async (args, message) => {
    const result = await cli([...args, '--config', 'does-not-exist.json']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });
});
