import { getPriority, setPriority } from 'node:os';

/**
 * The nice value of an execution environment's thread. On AWS the front ends (the Invoke API,
 * API Gateway, SQS, IoT Core) run on other machines than the functions, so busy functions never
 * slow down a 202 or a routed request. Here they share two cores with the local cloud's main
 * thread, which is all of those front ends; running the functions a little below it keeps the front
 * door answering while the functions keep the cores busy, and costs them nothing when the cores
 * are free. Measured with the event bus benchmark: one event at a time from a plain HTTP client,
 * while the bus drains to three listeners, 1,388 → 1,826 accepted/s; batches of ten, 2,902 →
 * 11,006 events/s; the drain and the latency on a quiet machine unchanged.
 */
export const FUNCTION_THREAD_NICE_STEP = 5;

/** The highest nice value Linux has (the lowest priority). */
const LOWEST = 19;

/**
 * Lowers the calling worker thread's scheduling priority by {@link FUNCTION_THREAD_NICE_STEP} below
 * the one it started with (its creator's, the main thread's), so a local cloud started under `nice`
 * keeps the same order. Only on Linux, where a nice value belongs to one thread (`setpriority` with
 * pid 0 is the calling thread); elsewhere it would lower the whole process, the local cloud's main
 * thread included. A refusal (a sandbox without `setpriority`) leaves the thread as it is.
 */
export function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(Math.min(LOWEST, getPriority() + FUNCTION_THREAD_NICE_STEP));
  } catch {
    // Not allowed here: the thread keeps the process's priority, as before.
  }
}
