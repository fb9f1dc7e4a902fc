export * from './days';
export * from './holidays';
export * from './today';
export * from './workingDays';
export * from './locationStates';
