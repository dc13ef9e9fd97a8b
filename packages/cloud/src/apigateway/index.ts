export type { ApiDefinition, ApiMethod, AuthorizerDefinition } from './api-definition.js';
export { API_GATEWAY_SERVICE, ApiGatewayService, apiGatewayService } from './api-gateway-service.js';
export { type StackApi, stackApis } from './api-listing.js';
export { ApiDefinitionError, RestApiNotFoundError } from './gateway-errors.js';
export {
  formatGatewayLog,
  type GatewayRequestLog,
  GatewayServer,
  type GatewayServerOptions,
  MAX_REQUEST_BYTES,
} from './gateway-server.js';
export {
  IMMUTABLE_CACHE_CONTROL,
  REVALIDATE_CACHE_CONTROL,
  type StaticFileHeaders,
  staticFileHeaders,
} from './static-file-headers.js';
export { staticSiteRoutes } from './static-site.js';
