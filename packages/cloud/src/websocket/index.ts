export * from './connection-registry.js';
export * from './connections-api.js';
export * from './websocket-api-registry.js';
export * from './websocket-events.js';
export * from './websocket-gateway.js';
export * from './websocket-listing.js';
export * from './websocket-providers.js';
export * from './websocket-service.js';
