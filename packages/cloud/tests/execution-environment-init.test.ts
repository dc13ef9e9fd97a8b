import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionEnvironment } from '../src/lambda/execution-environment.js';
import { FunctionInitError } from '../src/lambda/function-error.js';
import {
  disposeAll,
  functionConfig,
  HANDLERS_DIR,
  linesOf,
  request,
  resultOf,
  startEnvironment,
} from './fixtures/handlers/environment-harness.js';

afterEach(disposeAll);

/** Starts an environment that must fail its init phase and returns the error. */
async function initFailure(handler: string, codeDir = HANDLERS_DIR) {
  const logs: string[] = [];
  const error = await ExecutionEnvironment.start(functionConfig(handler, { codeDir }), {
    runtimeEnv: {},
    onLog: (line) => logs.push(line),
  }).then(
    () => {
      throw new Error('init succeeded');
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(FunctionInitError);
  return { error: error as FunctionInitError, logs };
}

describe('ExecutionEnvironment: handler resolution', () => {
  it.each([
    ['an ES module (.mjs) with a nested handler path', 'async-handlers.handlers.v1.main', 'nested'],
    ['a .js file under "type": "module"', 'esm-scope/app.handler', { format: 'esm' }],
    ['a .js file under "type": "commonjs"', 'commonjs-scope/app.handler', { format: 'cjs' }],
    ['a .cjs file', 'resolution/only.handler', 'only.cjs'],
    [
      'a module in nested directories',
      'commonjs-scope/dir/sub/module.handlers.main',
      { from: 'dir/sub/module.js' },
    ],
    ['a directory, through its index.js', 'resolution/folder-module.handler', 'folder-module/index.js'],
    ['.js before .mjs, as the runtime tries them', 'resolution/both.handler', 'both.js'],
    ['.mjs before .cjs', 'resolution/esm-first.handler', 'esm-first.mjs'],
  ])('loads %s', async (_label, handler, expected) => {
    // Prepare
    const { env } = await startEnvironment(handler);

    // Act
    const outcome = await env.invoke(request({}));

    // Assess
    expect(resultOf(outcome)).toEqual(expected);
  });

  it('loads the module once, in the timed init phase, and reuses it for every invocation', async () => {
    const { env } = await startEnvironment('async-handlers.echo');

    const first = resultOf(await env.invoke(request({ n: 1 })));
    const second = resultOf(await env.invoke(request({ n: 2 })));

    expect(env.initDurationMs).toBeGreaterThan(0);
    expect(first).toMatchObject({ initCount: 1, event: { n: 1 } });
    expect(second).toMatchObject({ initCount: 1, event: { n: 2 } });
  });

  it('stamps init-phase log lines with an undefined request id, as Lambda does', async () => {
    const { logs } = await startEnvironment('commonjs-scope/init-logs.handler');

    expect(linesOf(logs)).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tINFO\tinitialising$/),
    ]);
  });
});

describe('ExecutionEnvironment: init errors', () => {
  it('answers a missing module with Runtime.ImportModuleError and logs it as an uncaught exception', async () => {
    const { error, logs } = await initFailure('does-not-exist.handler');

    expect(error.errorType).toBe('Runtime.ImportModuleError');
    expect(error.error.errorMessage).toMatch(
      /^Error: Cannot find module 'does-not-exist'\nRequire stack:\n- /,
    );
    expect(error.initDurationMs).toBeGreaterThan(0);
    expect(logs.join('\n')).toMatch(
      /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.ImportModuleError"/,
    );
  });

  it('answers a CommonJS module whose dependency is missing with Runtime.ImportModuleError', async () => {
    const { error } = await initFailure('commonjs-scope/missing-dependency.handler');

    expect(error.error.errorType).toBe('Runtime.ImportModuleError');
    expect(error.error.errorMessage).toMatch(
      /^Error: Cannot find module 'motorcade-package-that-does-not-exist'/,
    );
  });

  it('answers an ES module whose import is missing with a plain Error, as AWS does', async () => {
    const { error } = await initFailure('resolution/esm-missing-import.handler');

    expect(error.error.errorType).toBe('Error');
    expect(error.error.errorMessage).toMatch(
      /^Cannot find package 'motorcade-package-that-does-not-exist' imported from /,
    );
  });

  it.each([
    ['a missing export', 'async-handlers.nope', 'async-handlers.nope is undefined or not exported'],
    [
      'a missing nested export',
      'async-handlers.handlers.v2.main',
      'async-handlers.handlers.v2.main is undefined or not exported',
    ],
    [
      'an export that is not a function',
      'async-handlers.notAFunction',
      'async-handlers.notAFunction is not a function',
    ],
  ])('answers %s with Runtime.HandlerNotFound', async (_label, handler, message) => {
    const { error } = await initFailure(handler);

    expect(error.error).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: message });
  });

  it.each([
    ['a CommonJS module', 'broken.cjs', 'exports.handler = async () => { return { broken: ; };\n'],
    ['an ES module', 'broken.mjs', 'export const handler = async () => { return { broken: ; };\n'],
  ])('answers a syntax error in %s with Runtime.UserCodeSyntaxError', async (_label, file, source) => {
    // Written at test time: a fixture that does not parse would break the repository's lint.
    const codeDir = mkdtempSync(join(tmpdir(), 'motorcade-syntax-'));
    try {
      writeFileSync(join(codeDir, file), source);

      const { error } = await initFailure('broken.handler', codeDir);

      expect(error.error.errorType).toBe('Runtime.UserCodeSyntaxError');
      expect(error.error.errorMessage).toBe("SyntaxError: Unexpected token ';'");
    } finally {
      rmSync(codeDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['without a function part', 'async-handlers', 'Bad handler'],
    [
      'climbing out of the task root',
      '../async-handlers.echo',
      "'../async-handlers.echo' is not a valid handler name.",
    ],
  ])('answers a handler string %s with Runtime.MalformedHandlerName', async (_label, handler, message) => {
    const { error } = await initFailure(handler);

    expect(error.error.errorType).toBe('Runtime.MalformedHandlerName');
    expect(error.error.errorMessage).toContain(message);
  });

  it("answers a module that throws while loading with the module's own error", async () => {
    const { error } = await initFailure('commonjs-scope/throws-at-init.handler');

    expect(error.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'configuration is missing' });
  });

  it('answers a module that exits while loading with Runtime.ExitError', async () => {
    const { error } = await initFailure('commonjs-scope/exits-at-init.handler');

    expect(error.error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'Error: Runtime exited with error: exit status 7',
    });
  });
});

describe('ExecutionEnvironment: environment variables', () => {
  it("overlays the runtime's variables on the template's, inside the worker only", async () => {
    const { env } = await startEnvironment(
      'async-handlers.env',
      { environment: { TABLE: 'items', AWS_REGION: 'from-template' } },
      { AWS_REGION: 'eu-west-1', LAMBDA_TASK_ROOT: HANDLERS_DIR },
    );

    const result = resultOf(
      await env.invoke(request({ names: ['TABLE', 'AWS_REGION', 'LAMBDA_TASK_ROOT', 'HOME'] })),
    );

    expect(result).toEqual({
      TABLE: 'items',
      AWS_REGION: 'eu-west-1',
      LAMBDA_TASK_ROOT: HANDLERS_DIR,
      HOME: null,
    });
  });

  it('keeps what a function writes to process.env out of other environments and the host', async () => {
    const { env: writer } = await startEnvironment('async-handlers.setsEnv');
    const { env: reader } = await startEnvironment('async-handlers.env');

    await writer.invoke(request({}));
    const seen = resultOf(await reader.invoke(request({ names: ['LEAKED_FROM_FUNCTION'] })));

    expect(seen).toEqual({ LEAKED_FROM_FUNCTION: null });
    expect(process.env.LEAKED_FROM_FUNCTION).toBeUndefined();
  });
});

describe('ExecutionEnvironment: the AWS SDK for handlers that do not bundle it', () => {
  it('lets an ES module handler inside the repository import @aws-sdk/client-lambda', async () => {
    const { env } = await startEnvironment('sdk-import.handler');

    expect(resultOf(await env.invoke(request({})))).toBe('function');
  });

  it('lets a CommonJS handler outside the repository require @aws-sdk/client-lambda', async () => {
    const codeDir = mkdtempSync(join(tmpdir(), 'motorcade-sdk-'));
    try {
      writeFileSync(
        join(codeDir, 'index.js'),
        "const { LambdaClient } = require('@aws-sdk/client-lambda');\nexports.handler = async () => typeof LambdaClient;\n",
      );
      const { env } = await startEnvironment('index.handler', { codeDir });

      const outcome = await env.invoke(request({}));

      expect(resultOf(outcome)).toBe('function');
    } finally {
      rmSync(codeDir, { recursive: true, force: true });
    }
  });
});
