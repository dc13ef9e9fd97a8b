import { request } from 'node:http';

/**
 * One HTTP request over a keep-alive agent; resolves with status and body. A request with no answer
 * in 60 s fails, naming its method and path.
 * @param {import('node:http').Agent} agent
 * @param {URL} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [options]
 */
export function send(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = request(
      url,
      {
        method,
        agent,
        headers: payload ? { ...headers, 'content-length': payload.length } : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from ${method} ${url.pathname} in 60 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
