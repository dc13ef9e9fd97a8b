import type { StartEnvironment } from './environment-pool.js';

/** Loads the worker-thread runtime only when a function first runs (tests inject a fake instead). */
export const startWorkerEnvironment: StartEnvironment = async (config, options) => {
  const { ExecutionEnvironment } = await import('./execution-environment.js');
  return ExecutionEnvironment.start(config, options);
};
