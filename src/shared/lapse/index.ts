export * from './paid-months';
export * from './lapse-detection';
export * from './lapse-worklist';
export * from './follow-ups';
export * from './lapse-candidates';
