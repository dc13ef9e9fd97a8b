export * from './bucket-name.js';
export * from './bucket-store.js';
export * from './checksums.js';
export * from './presigned-url.js';
export * from './s3-errors.js';
export * from './s3-routes.js';
export * from './s3-service.js';
export * from './stored-object.js';
