/** A refused or failed call to the fleet's public API. */
export class FleetApiError extends Error {
  override readonly name = 'FleetApiError';
  constructor(
    readonly route: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${route} → ${status} ${code}: ${message}`);
  }
}

/** A point with the address a person would type. */
export interface Place {
  readonly lat: number;
  readonly lon: number;
  readonly address?: string;
}

/** An offer to a driver's vehicle, as the allocation service lists it. */
export interface Offer {
  readonly offerId: string;
  readonly itemId: string;
  readonly pickup?: Place;
  readonly deadline?: string;
}

/** An item allocated to a driver, as the items service lists it. */
export interface DriverItem {
  readonly itemId: string;
  readonly status: string;
  readonly pickup: Place;
  readonly dropoff: Place;
}

/** An access token and when to renew it. */
interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly renewAt: number;
}

type Json = Record<string, unknown>;

async function request(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Json> {
  const route = `${method} ${path.split('?')[0]}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    // A phone app's patience: the first calls of a fresh environment meet cold starts.
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: Json = {};
  try {
    body = text ? (JSON.parse(text) as Json) : {};
  } catch {
    body = { message: text.slice(0, 200) };
  }
  if (!response.ok) {
    const error = (body.error ?? body) as Json;
    throw new FleetApiError(
      route,
      response.status,
      String(error.code ?? 'HTTP_ERROR'),
      String(error.message ?? response.statusText),
    );
  }
  return body;
}

/** The id field of a listed record, whichever name its service gives it. */
function idOf(record: Json, name: string): string {
  return String(record[name] ?? record.id ?? '');
}

/**
 * A driver's view of the fleet's public API, with a logged-in user's token renewed before it
 * expires — what a driver app does.
 * @example
 * const driver = new DriverApi(gateway, { organisation: 'demo', email, password });
 * await driver.goOnDuty(true);
 */
export class DriverApi {
  private session: Session | undefined;

  constructor(
    private readonly gateway: string,
    private readonly login: { organisation: string; email: string; password: string },
  ) {}

  private async token(): Promise<string> {
    if (this.session && Date.now() < this.session.renewAt) return this.session.accessToken;
    const body = this.session
      ? await request(this.gateway, 'POST', '/users/refresh', {
          body: { refreshToken: this.session.refreshToken },
        }).catch(() => request(this.gateway, 'POST', '/users/login', { body: this.login }))
      : await request(this.gateway, 'POST', '/users/login', { body: this.login });
    const expiresIn = Number(body.expiresIn ?? 900);
    this.session = {
      accessToken: String(body.accessToken),
      refreshToken: String(body.refreshToken),
      renewAt: Date.now() + Math.max(expiresIn - 60, expiresIn / 2) * 1000,
    };
    return this.session.accessToken;
  }

  /** The `Authorization` header value for the user's current token (logging in or renewing as needed). */
  async bearer(): Promise<string> {
    return `Bearer ${await this.token()}`;
  }

  private async call(method: string, path: string, body?: unknown): Promise<Json> {
    const headers = { authorization: `Bearer ${await this.token()}` };
    return request(this.gateway, method, path, { headers, ...(body === undefined ? {} : { body }) });
  }

  async goOnDuty(onDuty: boolean): Promise<void> {
    await this.call('POST', '/vehicles/mine/duty', { onDuty });
  }

  async openOffers(): Promise<Offer[]> {
    const body = await this.call('GET', '/allocation/offers/mine');
    return ((body.offers ?? []) as Json[]).map((offer) => ({
      ...(offer as object),
      offerId: idOf(offer, 'offerId'),
      itemId: String(offer.itemId ?? ''),
    })) as Offer[];
  }

  async answer(offerId: string, accept: boolean): Promise<void> {
    await this.call(
      'POST',
      `/allocation/offers/${encodeURIComponent(offerId)}/${accept ? 'accept' : 'reject'}`,
    );
  }

  async myItems(): Promise<DriverItem[]> {
    const body = await this.call('GET', '/items/driver');
    return ((body.items ?? []) as Json[]).map((item) => ({
      ...(item as object),
      itemId: idOf(item, 'itemId'),
    })) as DriverItem[];
  }

  async pickUp(itemId: string): Promise<void> {
    await this.call('POST', `/items/driver/${encodeURIComponent(itemId)}/pickup`);
  }

  async deliver(itemId: string): Promise<void> {
    await this.call('POST', `/items/driver/${encodeURIComponent(itemId)}/deliver`);
  }
}

/** A new delivery item, as a client system sends it. */
export interface NewItem {
  readonly reference: string;
  readonly pickup: Required<Place>;
  readonly dropoff: Required<Place>;
  readonly window: { readonly from: string; readonly to: string };
  readonly size: { readonly weightKg: number };
}

/**
 * Creates an item as a client system does: `X-Api-Key` and an `Idempotency-Key`, so a retry of a
 * request whose answer was lost never creates a second item.
 * @example
 * const { itemId } = await createItem(gateway, apiKey, randomUUID(), item);
 */
export async function createItem(
  gateway: string,
  apiKey: string,
  idempotencyKey: string,
  item: NewItem,
): Promise<{ itemId: string }> {
  const body = await request(gateway, 'POST', '/items', {
    headers: { 'x-api-key': apiKey, 'idempotency-key': idempotencyKey },
    body: item,
  });
  return { itemId: idOf(body, 'itemId') };
}
