import { apiGatewayService } from './apigateway/index.js';
import type { EdgeRoute } from './edge/edge-route.js';
import type { EnvironmentResolver } from './edge/environment-resolver.js';
import type { ServiceFactory } from './environment.js';
import { iotService } from './iot/index.js';
import { s3ApiRoutes, s3Service } from './s3/index.js';
import { schedulesApiRoutes, schedulesService } from './schedules/index.js';
import { sqsApiRoutes, sqsService } from './sqs/index.js';
import { webSocketService } from './websocket/index.js';

/** The AWS services every environment runs besides Lambda. */
export const BUILTIN_SERVICES: readonly ServiceFactory[] = [
  apiGatewayService,
  sqsService,
  s3Service,
  schedulesService,
  iotService,
  webSocketService,
];

/** Their edge routes, in order. */
export const BUILTIN_ROUTES: readonly ((resolver: EnvironmentResolver) => EdgeRoute[])[] = [
  sqsApiRoutes,
  schedulesApiRoutes,
];

/** Routes that take whatever no other route takes (S3's path-style API); they go after everything else. */
export const CATCH_ALL_ROUTES: readonly ((resolver: EnvironmentResolver) => EdgeRoute[])[] = [s3ApiRoutes];
