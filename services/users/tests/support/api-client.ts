/** What a test reads of a response: the status, headers and the parsed JSON body (if any). */
export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * One request to the gateway with plain fetch: a JSON body, an optional bearer token or extra
 * headers, and the JSON answer parsed.
 * @example
 * const me = await request('GET', `${api}/me`, { token });
 */
export async function request<T = Record<string, unknown>>(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
}

/** The `error.code` of an error body. */
export function errorCode(response: ApiResponse<unknown>): string | undefined {
  const body = response.body as { error?: { code?: string } } | undefined;
  return body?.error?.code;
}
