import type { Session } from '../auth/session.js';
import { ApiError, apiErrorOf } from './api-error.js';

/**
 * Calls the fleet's APIs on the gateway (same origin) with the user's access token. A 401 is
 * answered by one refresh and one retry; a second 401 signs the user out.
 * @example
 * const api = new ApiClient(session);
 * const { vehicles } = await api.get<{ vehicles: Vehicle[] }>('/vehicles');
 */
export class ApiClient {
  readonly #session: Session;

  constructor(session: Session) {
    this.#session = session;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const token = await this.#session.accessToken();
    if (!token) throw new ApiError(401, 'SIGNED_OUT', 'Not signed in');
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 401 && !retried) {
      if (await this.#session.refresh()) return this.request<T>(method, path, body, true);
    }
    if (response.status === 401 && retried) await this.#session.logout();
    if (!response.ok) throw await apiErrorOf(response);
    if (response.status === 204) return undefined as T;
    // The gateway answers a path no API serves with the app itself: the service is not deployed.
    if (response.headers.get('content-type')?.startsWith('text/html'))
      throw new ApiError(404, 'NO_API', `no API serves ${path.split('?')[0]} (is the service deployed?)`);
    return (await response.json()) as T;
  }
}
