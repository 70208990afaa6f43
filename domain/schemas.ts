/**
 * The request schemas — the one source of the request types — and `formatIssues` for 400
 * VALIDATION_FAILED details. For the API (and activities).
 *
 * This barrel pulls in the region data set through `applicationSchema`. Workflow code must import
 * the pure modules directly instead: `./schemas/agreement`, `./schemas/contact`, `./schemas/actions`,
 * `./schemas/common`, `./schemas/issues`, `./codes/*`, `./uscc` (type-only imports of anything are fine).
 */
export * from './schemas/common';
export * from './schemas/contact';
export * from './schemas/agreement';
export * from './schemas/application';
export * from './schemas/actions';
export * from './schemas/issues';
export { creditCodeSchema } from './uscc';
export { regionCodeSchema } from './region';
export { jobCategorySchema, type JobCategoryCode } from './codes/job-category';
export { industrySchema, type IndustryCode } from './codes/industry';
export { graduationDestinationSchema, type GraduationDestinationCode } from './codes/graduation-destination';
export { type UnitNatureCode } from './codes/unit-nature';
