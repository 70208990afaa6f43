// The baseline worker's workflow bundle: bare Temporal and the durable-bare baseline (bench/bare-worker.ts).
export { bareSigningWorkflow } from './bare-workflow';
export { durableBareSigningWorkflow } from './durable-bare-workflow';
