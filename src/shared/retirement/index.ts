export * from './year-month';
export * from './retirement-age';
export * from './minimum-years';
export * from './contribution-years';
