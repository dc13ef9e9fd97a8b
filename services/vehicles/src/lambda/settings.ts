import { ConfigurationError } from '@motorcade/lambda';

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
