import type { FunctionLogLine } from '@motorcade/cloud';

const REPORT =
  /^REPORT RequestId: (\S+)\tDuration: ([\d.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB(?:\tInit Duration: ([\d.]+) ms)?/;

/**
 * One readable console line for a function log line, or undefined to leave it out: `motorcade dev`
 * shows the function's own output and one summary per invocation instead of START/END/REPORT
 * (`LogType: Tail` and the log files keep the exact lines).
 */
export function formatLogLine(entry: FunctionLogLine): string | undefined {
  const name = entry.functionName.replace(/-[A-Z0-9]{12}$/, '');
  if (entry.line.startsWith('START RequestId: ') || entry.line.startsWith('END RequestId: '))
    return undefined;
  const report = REPORT.exec(entry.line);
  if (report) {
    const [, requestId, duration, billed, size, used, init] = report;
    const cold = init ? ` · cold start ${init} ms` : '';
    return `${name} | invoked in ${duration} ms (billed ${billed} ms · ${used}/${size} MB${cold}) ${requestId}`;
  }
  return `${name} | ${entry.line}`;
}
