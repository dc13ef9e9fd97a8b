/** An API's error answer: its HTTP status and the service's stable code, when it gave one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Reads an error answer: `{ error: { code, message } }` from the services (@motorcade/lambda),
 * `{ message }` from API Gateway itself.
 * @example
 * if (!response.ok) throw await apiErrorOf(response);
 */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as {
      message?: unknown;
      error?: { code?: unknown; message?: unknown };
    };
    const error = body.error && typeof body.error === 'object' ? body.error : body;
    if ('code' in error && typeof error.code === 'string') code = error.code;
    if (typeof error.message === 'string') message = error.message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, code, message);
}
