export * from './apigateway/index.js';
export * from './cloud-service.js';
export * from './config/declared-parameters.js';
export * from './config/local-secrets.js';
export * from './config/project-config.js';
export * from './database/embedded-postgres.js';
export * from './dev/source-watcher.js';
export * from './edge/edge-route.js';
export * from './edge/edge-server.js';
export * from './edge/environment-resolver.js';
export * from './edge/motorcade-api.js';
export * from './environment.js';
export * from './errors.js';
export * from './iot/index.js';
export * from './lambda/function-build.js';
export * from './lambda/types.js';
export * from './local-cloud.js';
export * from './metrics/embedded-metric-format.js';
export * from './metrics/metric-bucket.js';
export * from './metrics/metrics-recorder.js';
export * from './s3/index.js';
export * from './schedules/index.js';
export {
  createSqsService,
  type EventSourceMappingConfig,
  type SqsEventRecord,
  type SqsQueueStats,
  SqsService,
  sqsApiRoutes,
  sqsService,
} from './sqs/index.js';
export * from './stacks/custom-resource-responses.js';
export * from './stacks/deploy-order.js';
export * from './stacks/resource-provider.js';
export * from './stacks/stack-engine.js';
export * from './stacks/stack-record.js';
export * from './state/journal.js';
export * from './websocket/index.js';
