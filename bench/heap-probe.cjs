// Preloaded (`--import`) into the worker the bench starts (Node preloads it into every thread).
// On the IPC message 'heap' the main thread asks every thread — the SDK runs workflows in worker
// threads, each with its own V8 heap — to run a full garbage collection and report its heap, and
// answers with the sums in MiB. RSS alone keeps the high-water mark of past peaks (V8 rarely
// returns pages), so the heap left after a GC is what the open signings really hold. Plain
// CommonJS: no TypeScript loader runs in the workflow threads. Passive otherwise; it never keeps
// the worker alive.

'use strict';

const { BroadcastChannel, isMainThread, threadId } = require('node:worker_threads');
const { getHeapStatistics, setFlagsFromString, writeHeapSnapshot } = require('node:v8');
const { runInNewContext } = require('node:vm');
const process = require('node:process');
const { setTimeout } = require('node:timers');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const mib = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
const channel = new BroadcastChannel('bench-heap-probe');
channel.unref();

/** This thread's heap after two full collections. */
function ownHeap() {
  gc();
  gc();
  const h = getHeapStatistics();
  return { threadId, used: h.used_heap_size, total: h.total_heap_size, external: h.external_memory };
}

if (!isMainThread) {
  channel.onmessage = (event) => {
    if (event.data !== 'collect') return;
    channel.postMessage({ heap: ownHeap() });
    // BENCH_HEAP_SNAPSHOT_DIR: also write this workflow thread's heap (to see what runs retain).
    const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
    if (dir) writeHeapSnapshot(`${dir}/workflow-thread-${threadId}-${Date.now()}.heapsnapshot`);
  };
} else if (process.send) {
  process.channel?.unref();
  process.on('message', (message) => {
    if (message !== 'heap') return;
    const heaps = [ownHeap()];
    const onReply = (event) => {
      if (event.data?.heap) heaps.push(event.data.heap);
    };
    channel.onmessage = onReply;
    channel.postMessage('collect');
    // Threads answer within milliseconds (plus their GC); two seconds leave room on a loaded machine.
    setTimeout(() => {
      channel.onmessage = null;
      const sum = (k) => heaps.reduce((a, h) => a + h[k], 0);
      process.send?.({
        heap: {
          rssMiB: mib(process.memoryUsage().rss),
          heapUsedMiB: mib(sum('used')),
          heapTotalMiB: mib(sum('total')),
          externalMiB: mib(sum('external')),
          threads: heaps.map((h) => ({ threadId: h.threadId, heapUsedMiB: mib(h.used) })),
        },
      });
    }, 2000).unref();
  });
}
