export * from './pooled-fund';
export * from './temporary-account';
export * from './transfer-status';
