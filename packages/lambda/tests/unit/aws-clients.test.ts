import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsClientConfig, usesCustomEndpoint } from '../../src/index.js';

describe('AWS client settings', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server?.closeAllConnections();
  });

  it('sets a 1 s connection timeout, a short throwing request timeout, retries and keep-alive', () => {
    const config = awsClientConfig();

    expect(config).toMatchObject({
      maxAttempts: 3,
      cacheMiddleware: true,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
    });
    // `keepAlive` is set on the agent at runtime; @types/node does not declare the property.
    expect(config.requestHandler.httpAgent).toMatchObject({ keepAlive: true });
    expect(config.requestHandler.httpsAgent).toMatchObject({ keepAlive: true });
  });

  it('retries a request that hangs and succeeds on the next attempt, within the same call', async () => {
    // Prepare: the first request never gets an answer (the seed's 1-in-5,000 SQS hang).
    let requests = 0;
    server = createServer((_request, response) => {
      requests += 1;
      if (requests === 1) return;
      response.writeHead(200, { 'x-amz-bucket-region': 'eu-west-1' }).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const s3 = new S3Client({
      ...awsClientConfig({ requestTimeoutMs: 300 }),
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const started = Date.now();

    // Act
    await s3.send(new HeadBucketCommand({ Bucket: 'offload' }));

    // Assess
    expect(requests).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('builds a command type’s middleware stack once, not on every call', async () => {
    // Prepare
    server = createServer((_request, response) =>
      response.writeHead(200, { 'x-amz-bucket-region': 'eu-west-1' }).end(),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const s3 = new S3Client({
      ...awsClientConfig(),
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const resolve = vi.spyOn(HeadBucketCommand.prototype, 'resolveMiddleware');

    // Act
    for (const bucket of ['one', 'two', 'three']) await s3.send(new HeadBucketCommand({ Bucket: bucket }));

    // Assess
    expect(resolve).toHaveBeenCalledTimes(1);
    resolve.mockRestore();
  });

  it('addresses S3 path-style whenever an endpoint is configured', () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    expect(usesCustomEndpoint('S3')).toBe(true);
    delete process.env.AWS_ENDPOINT_URL;
    expect(usesCustomEndpoint('S3')).toBe(Boolean(process.env.AWS_ENDPOINT_URL_S3));
    if (saved !== undefined) process.env.AWS_ENDPOINT_URL = saved;
  });
});
