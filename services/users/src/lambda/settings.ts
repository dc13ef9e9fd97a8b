import { ConfigurationError } from '@motorcade/lambda';
import { z } from 'zod';
import type { AccessTokenSettings } from '../domain/access-tokens.js';

const tokenEnvironment = z.object({
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
});

/**
 * The database URL the template passes as `DATABASE_URL` (from the stack's `DatabaseUrl`).
 * @example
 * pgConnection({ strategy: 'close-after-invocation', connectionString: databaseUrl() });
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigurationError('DATABASE_URL is not set: the stack must pass its DatabaseUrl');
  return url;
}

/**
 * How access tokens are signed and checked, from the variables the template sets
 * (`JWT_SECRET` from the NoEcho `JwtSecret` parameter, issuer and audience from the stack name).
 * @example
 * const tokens = new AccessTokens(accessTokenSettings());
 */
export function accessTokenSettings(): AccessTokenSettings {
  const parsed = tokenEnvironment.safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigurationError(`Access token settings are invalid: ${names.join('; ')}`);
  }
  const env = parsed.data;
  return {
    secret: env.JWT_SECRET,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    lifetimeSeconds: env.ACCESS_TOKEN_SECONDS,
  };
}
