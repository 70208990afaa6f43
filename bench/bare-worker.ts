/**
 * The baselines' worker, run as its own process like the service's worker: the bare workflow and
 * the durable-bare one (with its no-op activity) on their own task queue, SDK defaults. Prints one
 * "ready" line once it polls.
 *
 *   TEMPORAL_ADDRESS=… BARE_TASK_QUEUE=… node --import tsx bench/bare-worker.ts
 */
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.BARE_TASK_QUEUE;
  if (!address || !taskQueue) throw new Error('TEMPORAL_ADDRESS and BARE_TASK_QUEUE are required');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)),
    activities: { async benchNoop() {} },
  });
  const running = worker.run();
  console.log('bare worker ready');
  await running;
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
