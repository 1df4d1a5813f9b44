export * from './Money.js';
export * from './formatMoney.js';
export * from './zodMoney.js';
