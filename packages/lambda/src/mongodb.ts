// A separate entry point, so functions that do not use MongoDB never bundle its driver.
export * from './connections/mongo-connection.js';
