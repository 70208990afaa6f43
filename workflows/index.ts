// Entry point bundled for the worker: every workflow type the task queue serves.
export { signingWorkflow } from './signing';
export { deliverNotificationsWorkflow } from './deliver-notifications';
export { rescissionWorkflow } from './rescission';
