import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invoke } from '../../src/index.js';
import { createLibraryProject, ENV, type LibraryProject } from '../support/library-project.js';

const STACK = `${ENV}-library`;
const MB = 1024 * 1024;

describe('@motorcade/lambda functions on the local cloud', () => {
  let project: LibraryProject;

  beforeAll(async () => {
    project = await createLibraryProject();
    await project.cloud.deployProject(await project.config({ library: 'library/template.yaml' }), ENV);
    // The test process calls functions with the library's own invoke, as a function would.
    process.env.AWS_ENDPOINT_URL = project.cloud.edgeUrl;
    process.env.AWS_ACCESS_KEY_ID = `motorcade-${ENV}`;
    process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
    process.env.AWS_REGION = 'eu-west-1';
  }, 120_000);
  afterAll(async () => {
    await project?.dispose();
  });

  it('brings a 10 MB HTTP response to a caller through invoke intact (offloaded through S3)', async () => {
    // Prepare
    const size = 10 * MB;
    const pattern = 'motorcade-0123456789-abcdefghijklmnopqrstuvwxyz\n';
    const expected = pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size);

    // Act: a function calls it, and so does this process.
    const fromFunction = await project.invoke(`${STACK}-caller`, { size });
    const direct = await invoke(
      `${STACK}-big-http`,
      {
        httpMethod: 'GET',
        path: '/report',
        headers: {},
        queryStringParameters: { size: String(size) },
        body: null,
      },
      { result: z.object({ statusCode: z.number(), body: z.string() }) },
    );

    // Assess
    expect(fromFunction).toEqual({
      result: {
        statusCode: 200,
        length: size,
        sha256: createHash('sha256').update(expected).digest('hex'),
      },
    });
    expect(direct.statusCode).toBe(200);
    expect(JSON.parse(direct.body).report === expected).toBe(true);
  });

  it('answers an API Gateway client over the limit with a 303 to the presigned URL, or the envelope on request', async () => {
    // Prepare
    const event = (accept?: string) => ({
      httpMethod: 'GET',
      path: '/report',
      headers: accept ? { Accept: accept } : {},
      queryStringParameters: { size: String(7 * MB) },
      body: null,
    });

    // Act
    const redirect = await project.invoke(`${STACK}-big-http`, event());
    const envelope = await project.invoke(
      `${STACK}-big-http`,
      event('application/vnd.motorcade.offload+json'),
    );

    // Assess
    const location =
      (redirect.result as { statusCode: number; headers: Record<string, string> }).headers.location ?? '';
    expect(redirect.result).toMatchObject({ statusCode: 303 });
    const fetched = await fetch(location);
    expect(fetched.status).toBe(200);
    expect(JSON.parse(await fetched.text()).report).toHaveLength(7 * MB);
    const body = JSON.parse((envelope.result as { body: string }).body);
    expect(body).toMatchObject({
      motorcadeOffload: { url: expect.stringContaining('X-Amz-Signature'), contentType: 'application/json' },
    });
  });

  it('answers a bad request with the field-level 400', async () => {
    const { result } = await project.invoke(`${STACK}-create-vehicle`, {
      httpMethod: 'POST',
      path: '/vehicles',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-400' },
      body: JSON.stringify({ registration: 'not a plate!', capacityKg: -5 }),
    });

    expect(result).toMatchObject({ statusCode: 400, headers: { 'x-correlation-id': 'corr-400' } });
    const { error } = JSON.parse((result as { body: string }).body);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(error.fields.map((field: { path: string }) => field.path)).toEqual([
      'body.registration',
      'body.capacityKg',
    ]);
  });

  it('returns a remote failure from invoke as a typed error with the remote type and message', async () => {
    const call = invoke(`${STACK}-caller`, { size: -1 });

    await expect(call).rejects.toMatchObject({
      name: 'RemoteFunctionError',
      errorType: 'ValidationError',
      errorMessage: expect.stringContaining('payload.size'),
    });
  });

  it('fails the deploy of a stack whose custom resource provider throws, with the thrown message', async () => {
    // Prepare
    const config = await project.config({
      library: 'library/template.yaml',
      consumer: 'consumer/template.yaml',
    });

    // Act
    const deploy = project.cloud.deployProject(config, ENV);

    // Assess
    await expect(deploy).rejects.toThrow(/the registry refused fleet: it is closed for maintenance/);
  });
});
