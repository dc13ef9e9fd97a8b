/**
 * The hint logged when an invocation times out while its callback waits for the event loop to
 * empty. AWS only says "Task timed out"; naming what kept the loop busy saves the user the hunt.
 */

const KINDS: Readonly<Record<string, string>> = {
  Timeout: 'timer (setTimeout/setInterval)',
  Immediate: 'setImmediate callback',
  TCPSocketWrap: 'TCP socket (an open connection, e.g. a database or keep-alive HTTP socket)',
  TCPServerWrap: 'TCP server',
  TLSWrap: 'TLS socket',
  PipeWrap: 'pipe',
  UDPWrap: 'UDP socket',
  FSReqCallback: 'pending file-system call',
  FileHandle: 'open file handle',
  GetAddrInfoReqWrap: 'pending DNS lookup',
  ProcessWrap: 'child process',
  FSEventWrap: 'file watcher',
} as const;

/** One line naming the open handles (counted by type) and how to fix the wait. */
export function describeOpenHandles(handles: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const handle of handles) counts.set(handle, (counts.get(handle) ?? 0) + 1);
  const named = [...counts].map(
    ([type, count]) => `${count} × ${type}${KINDS[type] ? ` (${KINDS[type]})` : ''}`,
  );
  return (
    `The callback was called, but the invocation waited for the event loop to empty because ` +
    `context.callbackWaitsForEmptyEventLoop is true, and it still had open: ${named.join(', ')}. ` +
    'Close the connection or clear the timer before calling the callback, or set ' +
    'context.callbackWaitsForEmptyEventLoop = false to return as soon as the callback is called.'
  );
}
