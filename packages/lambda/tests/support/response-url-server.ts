import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for CloudFormation's presigned ResponseURL: records each PUT. */
export interface ResponseUrlServer {
  readonly url: string;
  readonly bodies: Array<Record<string, unknown>>;
  readonly contentTypes: Array<string | undefined>;
  close(): Promise<void>;
}

export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const bodies: Array<Record<string, unknown>> = [];
  const contentTypes: Array<string | undefined> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      contentTypes.push(request.headers['content-type']);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/response`,
    bodies,
    contentTypes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
