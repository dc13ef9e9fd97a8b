import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** A response read by {@link postFrom}. */
export interface SourcedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: { error?: { code?: string; message?: string } } & Record<string, unknown>;
}

/**
 * POSTs JSON from a given loopback address (any of 127.0.0.0/8 on Linux), so the gateway sees
 * that address as the request's `sourceIp`, as API Gateway sees a client's. Lets one test play
 * several clients on one machine.
 * @example
 * const response = await postFrom('127.0.0.21', `${api}/login`, { organisation, email, password });
 */
export function postFrom(sourceIp: string, url: string, body: unknown): Promise<SourcedResponse> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: sourceIp,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? (JSON.parse(text) as SourcedResponse['body']) : {},
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
