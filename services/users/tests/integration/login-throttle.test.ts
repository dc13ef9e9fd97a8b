import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type IdentityCloud, startIdentityCloud } from '../support/identity-cloud.js';
import { postFrom, type SourcedResponse } from '../support/request-from.js';
import { seedTenant, TEST_PASSWORD, type Tenant } from '../support/tenants.js';

const LOCK_ABOVE_SECONDS = 60;

/** Guesses at one account from one source, back to back, until it is locked (or `max` attempts). */
async function hammer(api: string, source: string, email: string, max = 15): Promise<SourcedResponse[]> {
  const answers: SourcedResponse[] = [];
  for (let attempt = 0; attempt < max; attempt++) {
    const answer = await postFrom(source, `${api}/login`, {
      organisation: 'acme',
      email,
      password: `guess-${attempt}`,
    });
    answers.push(answer);
    if (answer.status === 429 && Number(answer.headers['retry-after']) > LOCK_ABOVE_SECONDS) break;
  }
  return answers;
}

const summary = (answers: readonly SourcedResponse[]) =>
  answers.map((answer) => `${answer.status} ${answer.body.error?.code}`);

describe('login throttle through the gateway', () => {
  let cloud: IdentityCloud;
  let api: string;
  let acme: Tenant;

  beforeAll(async () => {
    cloud = await startIdentityCloud(['users']);
    api = cloud.api('users');
    acme = await seedTenant(cloud, 'acme');
  }, 180_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('slows an account down after three failures, and lets a user who waits in', async () => {
    // Prepare
    const source = '127.0.0.21';
    const attempt = (password: string) =>
      postFrom(source, `${api}/login`, { organisation: 'acme', email: 'driver1@acme.example', password });
    for (const guess of ['one', 'two', 'three']) expect((await attempt(guess)).status).toBe(401);

    // Act
    const hurried = await attempt(TEST_PASSWORD);
    await sleep(Number(hurried.headers['retry-after']) * 1000 + 200);
    const patient = await attempt(TEST_PASSWORD);

    // Assess
    expect(hurried.status).toBe(429);
    expect(hurried.body.error?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(hurried.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(hurried.headers['retry-after'])).toBeLessThanOrEqual(LOCK_ABOVE_SECONDS);
    expect(patient.status).toBe(200);
  });

  it('locks an account hammered with guesses: then even the right password is refused', async () => {
    // Act
    const answers = await hammer(api, '127.0.0.22', 'dispatcher@acme.example');
    const rightPassword = await postFrom('127.0.0.22', `${api}/login`, {
      organisation: 'acme',
      email: 'dispatcher@acme.example',
      password: TEST_PASSWORD,
    });
    const fromElsewhere = await postFrom('127.0.0.27', `${api}/login`, {
      organisation: 'acme',
      email: 'dispatcher@acme.example',
      password: TEST_PASSWORD,
    });

    // Assess
    expect(summary(answers.slice(0, 4))).toEqual([
      '401 INVALID_CREDENTIALS',
      '401 INVALID_CREDENTIALS',
      '401 INVALID_CREDENTIALS',
      '429 TOO_MANY_ATTEMPTS',
    ]);
    expect(Number(answers.at(-1)?.headers['retry-after'])).toBeGreaterThan(LOCK_ABOVE_SECONDS);
    expect(rightPassword.status).toBe(429);
    expect(fromElsewhere.status).toBe(429);
  });

  it('answers guesses at an unknown account exactly as at a real one', async () => {
    // Act
    const real = await hammer(api, '127.0.0.23', 'driver2@acme.example');
    const unknown = await hammer(api, '127.0.0.24', 'nobody@acme.example');

    // Assess
    expect(summary(unknown)).toEqual(summary(real));
    expect(unknown.map((answer) => answer.body.error?.message)).toEqual(
      real.map((answer) => answer.body.error?.message),
    );
  });

  it('forgets old strikes and deletes expired refresh tokens in its hourly housekeeping', async () => {
    // Prepare
    const db = new pg.Client({ connectionString: cloud.database.url });
    await db.connect();
    const keys = { old: randomUUID(), locked: randomUUID(), recent: randomUUID() };
    const tokens = { expired: randomUUID(), live: randomUUID() };
    try {
      await db.query(
        `INSERT INTO users.login_throttle (key, strikes, last_strike_at, locked_until) VALUES
           ($1, 3, now() - interval '1 hour', NULL),
           ($2, 10, now() - interval '1 hour', now() + interval '10 minutes'),
           ($3, 2, now(), NULL)`,
        [keys.old, keys.locked, keys.recent],
      );
      await db.query(
        `INSERT INTO users.refresh_tokens (token_hash, family_id, user_id, org_id, expires_at) VALUES
           ($1, gen_random_uuid(), $3, $4, now() - interval '1 minute'),
           ($2, gen_random_uuid(), $3, $4, now() + interval '1 day')`,
        [tokens.expired, tokens.live, acme.userIds.driver1, acme.orgId],
      );

      // Act
      await cloud.call(
        'users',
        'PruneExpired',
        { 'detail-type': 'Scheduled Event', time: new Date().toISOString() },
        z.unknown(),
      );

      // Assess
      const throttled = await db.query('SELECT key FROM users.login_throttle WHERE key = ANY($1)', [
        Object.values(keys),
      ]);
      expect(throttled.rows.map((row) => row.key).sort()).toEqual([keys.locked, keys.recent].sort());
      const kept = await db.query('SELECT token_hash FROM users.refresh_tokens WHERE token_hash = ANY($1)', [
        Object.values(tokens),
      ]);
      expect(kept.rows).toEqual([{ token_hash: tokens.live }]);
    } finally {
      await db.end();
    }
  });

  it('locks a source that guesses across many accounts, and only that source', async () => {
    // Prepare
    const source = '127.0.0.25';
    const answers: SourcedResponse[] = [];

    // Act: one guess per account, so no account is throttled — only the source can be.
    for (let account = 0; account < 150; account++) {
      const answer = await postFrom(source, `${api}/login`, {
        organisation: 'acme',
        email: `guess-${account}@acme.example`,
        password: 'guess',
      });
      answers.push(answer);
      if (answer.status === 429 && Number(answer.headers['retry-after']) > LOCK_ABOVE_SECONDS) break;
    }
    const realUserThere = await postFrom(source, `${api}/login`, {
      organisation: 'acme',
      email: 'admin@acme.example',
      password: TEST_PASSWORD,
    });
    const realUserElsewhere = await postFrom('127.0.0.26', `${api}/login`, {
      organisation: 'acme',
      email: 'admin@acme.example',
      password: TEST_PASSWORD,
    });

    // Assess
    expect(answers.slice(0, 30).every((answer) => answer.status === 401)).toBe(true);
    expect(answers.at(-1)?.status).toBe(429);
    expect(Number(answers.at(-1)?.headers['retry-after'])).toBeGreaterThan(LOCK_ABOVE_SECONDS);
    expect(realUserThere.status).toBe(429);
    expect(realUserElsewhere.status).toBe(200);
  }, 120_000);
});
