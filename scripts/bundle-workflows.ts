/**
 * `tsx scripts/bundle-workflows.ts <out.js>`: bundles the workflow code with the interceptors every
 * worker registers (WORKFLOW_OPTIONS in worker.ts), as the Docker image does at build time. A worker
 * given WORKFLOW_BUNDLE_PATH loads this file instead of running webpack at start, so it starts
 * without the bundling time (BENCHMARKS.md, "Figures behind code comments") and runs exactly the
 * code that was built and tested.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../temporal/data-converter';
import { WORKFLOW_OPTIONS } from '../worker';

export async function bundleWorkflows(outFile: string): Promise<{ bytes: number }> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOW_OPTIONS.workflowsPath,
    workflowInterceptorModules: [...WORKFLOW_OPTIONS.interceptors.workflowModules],
    preloadModules: [...WORKFLOW_OPTIONS.bundlerOptions.preloadModules],
    webpackConfigHook: WORKFLOW_OPTIONS.bundlerOptions.webpackConfigHook,
    // The sandbox encodes workflow failures with the same converter as every client and worker.
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  await mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
  await writeFile(outFile, code);
  return { bytes: Buffer.byteLength(code) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2];
  if (!out) {
    console.error('用法 (usage): tsx scripts/bundle-workflows.ts <输出文件.js>');
    process.exit(1);
  }
  bundleWorkflows(out).then(
    ({ bytes }) => console.log(`workflow bundle: ${out} (${(bytes / 1024).toFixed(0)} KiB)`),
    (err: unknown) => {
      console.error('workflow 打包失败 (bundling failed):', err);
      process.exit(1);
    },
  );
}
