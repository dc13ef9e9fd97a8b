import type { Connection, Subscriber } from './connection.js';

/** What the domain needs of the connections table. */
export interface ConnectionStore {
  /** Records a connection (again, if API Gateway retried $connect: the last one wins). */
  add(connection: Connection): Promise<void>;
  /** Forgets connections; unknown ids are ignored. */
  remove(connectionIds: readonly string[]): Promise<number>;
  /** The open connections of these organisations, in one round trip. */
  subscribersOf(orgIds: readonly string[]): Promise<Subscriber[]>;
}

/** What one push to a connection came to. */
export type PushOutcome = 'delivered' | 'gone';

/** Sends one text frame to one connection (the `@connections` API). */
export interface Pusher {
  /**
   * Resolves `gone` when the connection no longer exists (GoneException); rejects for any other
   * failure (throttled, too large, the API unavailable).
   */
  push(connectionId: string, data: string): Promise<PushOutcome>;
}

/** The users service's token validator, called as API Gateway calls a TOKEN authorizer. */
export interface TokenValidator {
  /**
   * The validator's answer (an IAM policy with a context) for `Authorization: <authorization>`.
   * @throws RealtimeError `TOKEN_REFUSED` when the validator refuses the token
   */
  validate(authorization: string, methodArn: string): Promise<unknown>;
}
