import type { MiddlewareObj } from '@middy/core';

/**
 * Something a handler must tidy up at the end of every invocation, before the response is
 * returned (a PostgreSQL client to close, checked-out clients to account for).
 * @example
 * const db = pgConnection({ strategy: 'close-after-invocation', connectionString });
 * export const handler = http({ action: 'listItems', connections: [db], handler: ... });
 */
export interface InvocationScoped {
  afterInvocation(): Promise<void>;
}

/**
 * Middleware: runs every resource's `afterInvocation` after the handler, also when it failed, and
 * waits for all of them even when one fails (a failing close must not keep another open).
 * @example
 * middy(handler).use(connectionLifecycle([db]));
 */
export function connectionLifecycle(resources: readonly InvocationScoped[]): MiddlewareObj {
  const release = async (): Promise<void> => {
    const results = await Promise.allSettled(resources.map((resource) => resource.afterInvocation()));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  };
  return { after: release, onError: release };
}
