/** All code lists (pure; workflow-sandbox safe). */
export * from './unit-nature';
export * from './job-category';
export * from './industry';
export * from './graduation-destination';
