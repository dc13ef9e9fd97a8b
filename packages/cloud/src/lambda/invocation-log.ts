import type { LogSink } from './types.js';

/** LogType Tail returns the last 4 KB of the invocation's log. */
export const LOG_TAIL_BYTES = 4096;

/** What the REPORT line states about one invocation. */
export interface InvocationReport {
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly maxMemoryUsedMb: number;
  /** Only on the invocation that started the execution environment (a cold start). */
  readonly initDurationMs?: number;
}

/** `START RequestId: <id> Version: $LATEST`, the first line Lambda logs for an invocation. */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

/** `END RequestId: <id>`. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/**
 * The REPORT line, tab-separated as AWS writes it. Billed Duration is rounded up to the
 * millisecond and, since AWS began billing the INIT phase (August 2025), includes Init Duration.
 */
export function reportLine(requestId: string, report: InvocationReport): string {
  const init = report.initDurationMs;
  const billed = Math.max(1, Math.ceil(report.durationMs + (init ?? 0)));
  let line =
    `REPORT RequestId: ${requestId}\tDuration: ${report.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms` +
    `\tMemory Size: ${report.memoryMb} MB\tMax Memory Used: ${Math.ceil(report.maxMemoryUsedMb)} MB`;
  if (init !== undefined) line += `\tInit Duration: ${init.toFixed(2)} ms`;
  return line;
}

/**
 * Collects one invocation's log lines for LogType Tail and keeps only about the last 4 KB, so a
 * chatty function does not grow the buffer without bound.
 */
export class LogTail {
  readonly #lines: string[] = [];
  #bytes = 0;

  push(line: string): void {
    const text = `${line}\n`;
    this.#lines.push(text);
    this.#bytes += Buffer.byteLength(text);
    while (this.#lines.length > 1 && this.#bytes - Buffer.byteLength(this.#lines[0]!) >= LOG_TAIL_BYTES) {
      this.#bytes -= Buffer.byteLength(this.#lines.shift()!);
    }
  }

  /** The last 4 KB (bytes, as AWS cuts them) in base64, the `X-Amz-Log-Result` value. */
  toBase64(): string {
    const all = Buffer.from(this.#lines.join(''));
    return (all.length > LOG_TAIL_BYTES ? all.subarray(all.length - LOG_TAIL_BYTES) : all).toString('base64');
  }
}

/** Writes an invocation's START line to the function's log (and its tail, when kept). */
export function writeStart(
  sink: LogSink,
  functionName: string,
  requestId: string,
  tail: LogTail | undefined,
): void {
  const line = startLine(requestId);
  sink({ functionName, requestId, line });
  tail?.push(line);
}

/**
 * Writes an invocation's END and REPORT lines, and returns the base64 tail when one was kept
 * (the `X-Amz-Log-Result` value).
 */
export function writeEnd(
  sink: LogSink,
  functionName: string,
  requestId: string,
  report: InvocationReport,
  tail: LogTail | undefined,
): string | undefined {
  const end = endLine(requestId);
  const summary = reportLine(requestId, report);
  sink({ functionName, requestId, line: end });
  sink({ functionName, requestId, line: summary });
  if (!tail) return undefined;
  tail.push(end);
  tail.push(summary);
  return tail.toBase64();
}
