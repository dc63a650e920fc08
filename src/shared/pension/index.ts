export * from './fraction';
export * from './payout-months';
export * from './basic-pension';
export * from './personal-account';
export * from './estimate';
export * from './plan-assumptions';
export * from './payment-options';
