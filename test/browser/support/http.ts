/** An HTTP answer with its JSON body (or text, when it is not JSON). */
export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

export interface CallOptions {
  readonly token?: string;
  readonly apiKey?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * One HTTP request with a JSON body, a user token or a client key; never throws on a status.
 * @example
 * const { status, body } = await call('POST', `${gateway}/vehicles`, { token, body: { name: 'Van 1' } });
 */
export async function call<T = Record<string, unknown>>(
  method: string,
  url: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, body: body as T };
}

/** Like {@link call}, but fails the test with the answer when the status is not the expected one. */
export async function expectStatus<T = Record<string, unknown>>(
  expected: number | readonly number[],
  method: string,
  url: string,
  options: CallOptions = {},
): Promise<T> {
  const answer = await call<T>(method, url, options);
  const wanted = typeof expected === 'number' ? [expected] : expected;
  if (!wanted.includes(answer.status))
    throw new Error(
      `${method} ${url} → ${answer.status} ${JSON.stringify(answer.body)} (expected ${wanted.join(' or ')})`,
    );
  return answer.body;
}

export { eventually } from '../../support/eventually.js';
