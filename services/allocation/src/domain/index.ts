export * from './decide.js';
export * from './errors.js';
export * from './event-id.js';
export * from './inputs.js';
export * from './invariants.js';
export * from './outputs.js';
export * from './read-model.js';
export * from './settings.js';
