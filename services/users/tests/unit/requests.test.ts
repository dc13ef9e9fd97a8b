import { describe, expect, it } from 'vitest';
import { createUserRequestSchema, loginRequestSchema } from '../../src/domain/requests.js';

describe('users requests', () => {
  it('normalises organisation and email, so one account has one spelling', () => {
    // Act
    const parsed = loginRequestSchema.parse({
      organisation: ' ACME ',
      email: ' Ada@Acme.Example ',
      password: 'x',
    });

    // Assess
    expect(parsed).toEqual({ organisation: 'acme', email: 'ada@acme.example', password: 'x' });
  });

  it.each([
    ['a short password', { password: 'too short' }, 'password'],
    ['an unknown role', { role: 'owner' }, 'role'],
    ['a malformed email', { email: 'ada at acme' }, 'email'],
  ])('refuses a new user with %s', (_case, change, field) => {
    // Prepare
    const valid = {
      email: 'ada@acme.example',
      name: 'Ada',
      role: 'driver',
      password: 'long enough password',
    };

    // Act
    const result = createUserRequestSchema.safeParse({ ...valid, ...change });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });

  it.each(['-acme', 'acme-', 'ac me', 'a'.repeat(41)])('refuses the organisation %j', (organisation) => {
    // Act & Assess
    expect(loginRequestSchema.safeParse({ organisation, email: 'a@b.example', password: 'x' }).success).toBe(
      false,
    );
  });
});
