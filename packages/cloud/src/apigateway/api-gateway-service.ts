import type { EnvironmentContext, LocalService } from '../cloud-service.js';
import type { ServiceFactory } from '../environment.js';
import type { ResourceProvider } from '../stacks/resource-provider.js';
import type { ApiEnvironment } from './api-request-handler.js';
import { AuthorizerCache } from './authorizer-cache.js';
import { deploymentProvider, restApiProvider, stageProvider } from './rest-api-providers.js';
import { RestApiRegistry } from './rest-api-registry.js';

/** The name the environment knows the service by: `env.service<ApiGatewayService>('apigateway')`. */
export const API_GATEWAY_SERVICE = 'apigateway';

/**
 * API Gateway (REST APIs with Lambda proxy integrations) of one environment: the registry of its
 * deployed APIs, their authorizer cache, and the providers of RestApi, Deployment and Stage. The
 * {@link GatewayServer} serves the APIs of every environment on one port.
 */
export class ApiGatewayService implements LocalService {
  readonly registry = new RestApiRegistry();
  readonly #context: EnvironmentContext;
  readonly #cache = new AuthorizerCache();

  constructor(context: EnvironmentContext) {
    this.#context = context;
  }

  get environmentName(): string {
    return this.#context.name;
  }

  /** What a request to one of this environment's APIs needs. */
  get apiEnvironment(): ApiEnvironment {
    return {
      lambda: this.#context.lambda,
      cache: this.#cache,
      accountId: this.#context.accountId,
      region: this.#context.region,
    };
  }

  providers(): Readonly<Record<string, ResourceProvider>> {
    const forgetting = (provider: ResourceProvider): ResourceProvider => ({
      ...provider,
      // A changed or deleted API must not keep answering from policies cached for the old one.
      update: async (request) => {
        this.#cache.forgetApi(request.physicalId);
        return provider.update(request);
      },
      delete: async (request) => {
        this.#cache.forgetApi(request.physicalId);
        return provider.delete(request);
      },
    });
    return {
      'AWS::ApiGateway::RestApi': forgetting(restApiProvider(this.registry)),
      'AWS::ApiGateway::Deployment': deploymentProvider(this.registry),
      'AWS::ApiGateway::Stage': stageProvider(this.registry),
    };
  }

  async close(): Promise<void> {}
}

/**
 * The factory the local cloud creates the service with, one per environment.
 * @example
 * await LocalCloud.start({ environments, logSink, services: [apiGatewayService] });
 */
export const apiGatewayService: ServiceFactory = {
  name: API_GATEWAY_SERVICE,
  create: (context) => new ApiGatewayService(context),
};
