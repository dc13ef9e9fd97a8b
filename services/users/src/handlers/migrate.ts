import { migrationsResource } from '@motorcade/lambda';
import organisationsAndUsers from '../../migrations/0001-organisations-and-users.sql';
import refreshTokens from '../../migrations/0002-refresh-tokens.sql';
import loginThrottle from '../../migrations/0003-login-throttle.sql';

/** The `Custom::Migrations` provider: brings the `users` schema up to date at deploy. */
export const handler = migrationsResource({
  migrations: [
    { name: '0001-organisations-and-users', sql: organisationsAndUsers },
    { name: '0002-refresh-tokens', sql: refreshTokens },
    { name: '0003-login-throttle', sql: loginThrottle },
  ],
});
