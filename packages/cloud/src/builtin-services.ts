import { apiGatewayService } from './apigateway/index.js';
import type { EdgeRoute } from './edge/edge-route.js';
import type { EnvironmentResolver } from './edge/environment-resolver.js';
import type { ServiceFactory } from './environment.js';
import { s3ApiRoutes, s3Service } from './s3/index.js';

/** The AWS services every environment runs besides Lambda. */
export const BUILTIN_SERVICES: readonly ServiceFactory[] = [apiGatewayService, s3Service];

/** Their edge routes, in order. */
export const BUILTIN_ROUTES: readonly ((resolver: EnvironmentResolver) => EdgeRoute[])[] = [];

/** Routes that take whatever no other route takes (S3's path-style API); they go after everything else. */
export const CATCH_ALL_ROUTES: readonly ((resolver: EnvironmentResolver) => EdgeRoute[])[] = [s3ApiRoutes];
