import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Caller } from './caller.js';
import { InvalidAccessTokenError } from './errors.js';
import { roleSchema } from './roles.js';

/** How access tokens are signed and checked. */
export interface AccessTokenSettings {
  /** The HMAC key (the stack's `JwtSecret`): at least 32 characters. */
  readonly secret: string;
  /** `iss`: the users stack that signs them. */
  readonly issuer: string;
  /** `aud`: the APIs that accept them. */
  readonly audience: string;
  readonly lifetimeSeconds: number;
}

/** A signed access token and how long it lives. */
export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
}

const ALGORITHM = 'HS256';
const claimsSchema = z.object({ sub: z.uuid(), org: z.uuid(), role: roleSchema });

/**
 * Short-lived access tokens: JWTs signed with HS256 carrying the user (`sub`), organisation
 * (`org`) and role. Verification checks the signature, the algorithm, expiry, issuer and audience;
 * whether the user is still enabled is the authorizer's next step, since a JWT cannot know it.
 * @example
 * const tokens = new AccessTokens({ secret, issuer: 'local-users', audience: 'local-users-api', lifetimeSeconds: 900 });
 * const { token } = await tokens.issue({ userId, orgId, role: 'admin' });
 * const caller = await tokens.verify(token);
 */
export class AccessTokens {
  readonly #settings: AccessTokenSettings;
  readonly #key: Uint8Array;

  constructor(settings: AccessTokenSettings) {
    if (settings.secret.length < 32)
      throw new RangeError('The access token secret must be at least 32 characters');
    this.#settings = settings;
    this.#key = new TextEncoder().encode(settings.secret);
  }

  async issue(caller: Caller, now: Date = new Date()): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ org: caller.orgId, role: caller.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(caller.userId)
      .setIssuer(this.#settings.issuer)
      .setAudience(this.#settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.#settings.lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.#key);
    return { token, expiresIn: this.#settings.lifetimeSeconds };
  }

  /** The caller a token names; {@link InvalidAccessTokenError} with the reason when it is not valid. */
  async verify(token: string, now: Date = new Date()): Promise<Caller> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: this.#settings.issuer,
        audience: this.#settings.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: now,
      }));
    } catch (error) {
      throw new InvalidAccessTokenError(reasonOf(error), { cause: error });
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidAccessTokenError('claims of the wrong shape');
    return { userId: claims.data.sub, orgId: claims.data.org, role: claims.data.role };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim}: ${error.reason}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JOSEError) return error.code;
  return 'unreadable';
}
