export * from './years-months';
export * from './retirement-age';
export * from './minimum-years';
export * from './contribution-years';
