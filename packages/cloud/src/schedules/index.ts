export * from './aws-cron.js';
export * from './schedule-definition.js';
export * from './schedule-errors.js';
export * from './schedule-expression.js';
export * from './scheduled-event.js';
export * from './schedules-api.js';
export * from './schedules-service.js';
