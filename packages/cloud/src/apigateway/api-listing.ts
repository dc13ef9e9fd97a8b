import type { StackRecord } from '../stacks/stack-record.js';

/** One REST API of a stack, as `/_motorcade/stacks` lists it. */
export interface StackApi {
  readonly logicalId: string;
  readonly url: string;
}

/**
 * The REST APIs of a deployed stack and the URLs the gateway serves them at: `<gateway>/<service>`
 * for a stack's only API, `<gateway>/<service>/<LogicalId>` when it has several.
 *
 * @param environmentUrl - the gateway URL of the stack's environment, {@link GatewayServer.environmentUrl}
 * @example
 * stackApis(stack, gateway.environmentUrl('local')); // [{ logicalId: 'ServerlessRestApi', url: 'http://127.0.0.1:3000/items' }]
 */
export function stackApis(stack: StackRecord, environmentUrl: string): StackApi[] {
  const ids = Object.entries(stack.resources)
    .filter(([, resource]) => resource.type === 'AWS::ApiGateway::RestApi')
    .map(([logicalId]) => logicalId);
  return ids.map((logicalId) => ({
    logicalId,
    url:
      ids.length > 1
        ? `${environmentUrl}/${stack.service}/${logicalId}`
        : `${environmentUrl}/${stack.service}`,
  }));
}
