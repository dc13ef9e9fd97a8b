import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { Unauthorized } from '../errors/unauthorized.js';
import { mergeOptions } from '../observability/middleware-options.js';
import { type AuthorizerContext, allowPolicy, apiWildcardArn, denyPolicy } from './authorizer-policy.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';

/** What an authorize function decides. */
export type AuthorizerDecision =
  | { readonly effect: 'Allow'; readonly principalId: string; readonly context?: AuthorizerContext }
  | { readonly effect: 'Deny'; readonly principalId: string; readonly context?: AuthorizerContext };

export { Unauthorized } from '../errors/unauthorized.js';

interface TokenOptions extends BaseHandlerOptions {
  readonly type: 'TOKEN';
  readonly authorize: (token: string, event: APIGatewayTokenAuthorizerEvent) => Promise<AuthorizerDecision>;
}
interface RequestOptions extends BaseHandlerOptions {
  readonly type: 'REQUEST';
  readonly authorize: (event: APIGatewayRequestAuthorizerEvent) => Promise<AuthorizerDecision>;
}
/** Options of {@link authorizer}. */
export type AuthorizerOptions = TokenOptions | RequestOptions;

/**
 * An API Gateway Lambda authorizer (TOKEN or REQUEST). `authorize` returns `{ effect, principalId,
 * context }`; the policy covers the whole API stage, because API Gateway caches it for every route.
 * Throw {@link Unauthorized} for a 401; a Deny is a 403; any other error is logged and becomes a 401
 * too, so a broken authorizer never lets a request through and never leaks why.
 * @example
 * export const handler = authorizer({
 *   action: 'authorizeUser',
 *   type: 'TOKEN',
 *   authorize: async (token) => {
 *     const user = await users.verify(token.replace(/^Bearer /, ''));
 *     if (!user) throw new Unauthorized();
 *     return { effect: 'Allow', principalId: user.id, context: { role: user.role } };
 *   },
 * });
 */
export function authorizer(options: AuthorizerOptions) {
  const settings = mergeOptions<AuthorizerOptions>(
    'authorizer',
    { ...BASE_DEFAULTS, type: options.type, authorize: options.authorize } as AuthorizerOptions,
    options,
  );
  const { type: _type, authorize: _authorize, ...base } = settings;
  const inner = async (
    event: APIGatewayTokenAuthorizerEvent | APIGatewayRequestAuthorizerEvent,
  ): Promise<APIGatewayAuthorizerResult> => {
    let decision: AuthorizerDecision;
    try {
      decision =
        settings.type === 'TOKEN'
          ? await settings.authorize(
              (event as APIGatewayTokenAuthorizerEvent).authorizationToken ?? '',
              event as APIGatewayTokenAuthorizerEvent,
            )
          : await settings.authorize(event as APIGatewayRequestAuthorizerEvent);
    } catch (error) {
      // API Gateway answers 401 only for exactly this message; anything else would be a 500.
      throw error instanceof Unauthorized ? error : new Unauthorized({ cause: error });
    }
    const resource = apiWildcardArn(event.methodArn);
    return decision.effect === 'Allow'
      ? allowPolicy(decision.principalId, resource, decision.context)
      : denyPolicy(decision.principalId, resource, decision.context);
  };
  return handlerChain<
    APIGatewayTokenAuthorizerEvent | APIGatewayRequestAuthorizerEvent,
    APIGatewayAuthorizerResult
  >(inner, base, {});
}
