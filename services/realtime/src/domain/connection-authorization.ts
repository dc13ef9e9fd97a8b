import { z } from 'zod';
import { type ConnectionOwner, connectionOwnerSchema } from './connection.js';
import { REALTIME_ERROR, RealtimeError } from './errors.js';
import type { TokenValidator } from './ports.js';

/** What the `$connect` authorizer answers: the owner's context on an Allow, none on a Deny. */
export type ConnectionDecision =
  | { readonly effect: 'Allow'; readonly principalId: string; readonly context: ConnectionOwner }
  | { readonly effect: 'Deny'; readonly principalId: string };

const statementSchema = z.looseObject({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]).optional(),
});

/** The part of an API Gateway authorizer's answer that decides. */
const authorizerAnswerSchema = z.looseObject({
  principalId: z.string().min(1),
  policyDocument: z.looseObject({ Statement: z.array(statementSchema).min(1) }),
  context: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Decides a WebSocket `$connect` from the users service's TOKEN authorizer answer for
 * `Bearer <token>`: its policy decides (any Deny wins; an Allow is needed), and an Allow must carry
 * the `{ userId, orgId, role }` context every later push relies on.
 * @throws RealtimeError `TOKEN_REFUSED` (the validator refused the token) or
 *   `INVALID_AUTHORIZATION` (its answer is not a policy with that context)
 * @example
 * const decision = await authorizeConnection(validator, token, event.methodArn);
 */
export async function authorizeConnection(
  validator: TokenValidator,
  token: string,
  methodArn: string,
): Promise<ConnectionDecision> {
  const answer = authorizerAnswerSchema.safeParse(await validator.validate(`Bearer ${token}`, methodArn));
  if (!answer.success) {
    throw new RealtimeError(REALTIME_ERROR.invalidAuthorization, 'The token validator answered no policy', {
      cause: answer.error,
    });
  }
  const { principalId, policyDocument, context } = answer.data;
  const effects = policyDocument.Statement.map((statement) => statement.Effect);
  if (effects.includes('Deny') || !effects.includes('Allow')) return { effect: 'Deny', principalId };
  const owner = connectionOwnerSchema.safeParse(context ?? {});
  if (!owner.success) {
    throw new RealtimeError(
      REALTIME_ERROR.invalidAuthorization,
      'The token validator allowed the token without a { userId, orgId, role } context',
      { cause: owner.error },
    );
  }
  return { effect: 'Allow', principalId, context: owner.data };
}
