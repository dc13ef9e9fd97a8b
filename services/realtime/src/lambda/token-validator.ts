import { invoke, RemoteFunctionError } from '@motorcade/lambda';
import { REALTIME_ERROR, RealtimeError } from '../domain/errors.js';
import type { TokenValidator } from '../domain/ports.js';
import { validateTokenArn } from './settings.js';

/**
 * The users service's TOKEN authorizer, invoked with the event API Gateway would send it
 * (`{ type: 'TOKEN', authorizationToken, methodArn }`). Its `Unauthorized` error is a refusal.
 * @example
 * const answer = await usersTokenValidator().validate(`Bearer ${token}`, event.methodArn);
 */
export function usersTokenValidator(): TokenValidator {
  return {
    async validate(authorization: string, methodArn: string): Promise<unknown> {
      try {
        return await invoke(validateTokenArn(), {
          type: 'TOKEN',
          authorizationToken: authorization,
          methodArn,
        });
      } catch (error) {
        if (error instanceof RemoteFunctionError && error.errorMessage === 'Unauthorized')
          throw new RealtimeError(REALTIME_ERROR.tokenRefused, 'The access token was refused', {
            cause: error,
          });
        throw error;
      }
    },
  };
}
