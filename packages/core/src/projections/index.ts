export * from './Projection.js';
