import { Agent, request } from 'node:http';

const REQUEST_TIMEOUT_MS = 30_000;

/** A keep-alive agent with `sockets` connections, so sequential requests reuse one connection. */
export function keepAliveAgent(sockets = 1) {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/**
 * A function that sends one Lambda Invoke request (`POST /2015-03-31/functions/<name>/invocations`)
 * to `baseUrl` and resolves with status, headers and body. The same request goes to the local
 * cloud and to the no-op floor, so the difference between the two is what the cloud adds.
 */
export function lambdaInvoker({
  baseUrl,
  functionName,
  agent,
  logType = 'None',
  invocationType = 'RequestResponse',
}) {
  const { hostname, port } = new URL(baseUrl);
  return (payload = '{}') =>
    new Promise((resolve, reject) => {
      const body = Buffer.from(payload);
      const req = request(
        {
          hostname,
          port,
          method: 'POST',
          path: `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'x-amz-invocation-type': invocationType,
            'x-amz-log-type': logType,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** Throws unless the invocation answered 200 `{"ok":true}` without a function error. */
export function expectOk(response, what) {
  if (response.status !== 200 || response.headers['x-amz-function-error'] || response.body !== '{"ok":true}')
    throw new Error(`${what} answered ${response.status}: ${response.body.slice(0, 300)}`);
}
