export * from './actor.js';
export * from './create-item-request.js';
export * from './errors.js';
export * from './idempotency.js';
export * from './item.js';
export * from './item-lifecycle.js';
export * from './item-status.js';
export * from './place.js';
