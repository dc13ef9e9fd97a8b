/**
 * The entry point of an execution environment's worker thread: the local counterpart of the
 * Lambda Node.js runtime's bootstrap. It patches the console, loads the handler (the init phase),
 * then runs invocations the parent sends. Only Node built-ins are imported here, so that an idle
 * environment stays small and starts fast.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { ParentMessage, WorkerInitData, WorkerMessage } from '../worker-protocol.js';
import { captureConsole } from './console-capture.js';
import { EventLoopWatch } from './event-loop-watch.js';
import { loadHandler } from './handler-loader.js';
import { InvocationRunner } from './invocation-runner.js';
import { addRuntimeModulePaths } from './module-fallback.js';
import { toFunctionError, UnhandledPromiseRejection } from './runtime-errors.js';
import { captureStdio } from './stdio-capture.js';
import { lowerThreadPriority } from './thread-priority.js';

lowerThreadPriority();

// This module only ever runs as a worker, which always has a parent port.
const port = parentPort as MessagePort;
const init = workerData as WorkerInitData;
const stdio = captureStdio((line) => port.postMessage({ type: 'log', line } satisfies WorkerMessage));
const post = (message: WorkerMessage): void => {
  // Output written without a newline still belongs to the invocation that is ending.
  if (message.type !== 'log') stdio.flush();
  port.postMessage(message);
};

// Taken before any user code runs: whatever is open now belongs to the runtime, not the function.
const watch = new EventLoopWatch(port);
const runtimeConsole = captureConsole((line) => post({ type: 'log', line }), process.env);
addRuntimeModulePaths(dirname(fileURLToPath(import.meta.url)));

/** As the RIC: log the error, report it for the current invocation, and exit (129 or 128). */
function die(label: string, error: unknown, exitCode: number): void {
  runtimeConsole.logError(label, error);
  post({ type: 'fatal', error: toFunctionError(error) });
  process.exit(exitCode);
}
process.on('uncaughtException', (error) => die('Uncaught Exception', error, 129));
process.on('unhandledRejection', (reason) =>
  die('Unhandled Promise Rejection', new UnhandledPromiseRejection(reason), 128),
);

const env = process.env;
const identity = {
  functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? init.defaults.functionName,
  functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? init.defaults.functionVersion,
  memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? init.defaults.memoryLimitInMB,
  logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? init.defaults.logGroupName,
  logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? init.defaults.logStreamName,
};

let runner: InvocationRunner | undefined;
// Listening from the start keeps the worker alive while the handler's module loads.
port.on('message', (message: ParentMessage) => {
  if (message.type === 'invoke') runner?.run(message);
  else post({ type: 'handles', handles: watch.openHandles() });
});

try {
  const handler = await loadHandler(init.codeDir, init.handler);
  runner = new InvocationRunner({ handler, identity, post, console: runtimeConsole, watch });
  post({ type: 'ready' });
} catch (error) {
  // The RIC reports a failed init through its uncaught-exception path, hence the label.
  runtimeConsole.logError('Uncaught Exception', error);
  post({ type: 'init-error', error: toFunctionError(error) });
}
