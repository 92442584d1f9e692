export * from './events.ts';
export * from './languages.ts';
export * from './session.ts';
