import { isAbort, resultBuffers } from '../engine';
import type { WorkerRequest, WorkerResponse } from './messages';
import { runRange } from './runRange';
import { READY } from './workerSlots';

// A module worker: `self` is the worker's global scope. The project's lib is DOM (not WebWorker,
// which conflicts with it), so the two members used here are typed by hand.
const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};

/** The run this worker should be doing; anything older is stale and stops at its next yield. */
let current = -1;

// Yield with a MessageChannel, not setTimeout: nested timers clamp to 4 ms and halve throughput.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldControl(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

function post(msg: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'cancel':
      if (msg.runId === current) current = -1;
      return;
    case 'run': {
      const { runId } = msg;
      current = runId;
      const t0 = performance.now();
      try {
        const results = await runRange(msg.levers, msg.seed, msg.from, msg.to, {
          assumptions: msg.assumptions,
          chunkSize: msg.chunkSize,
          yieldControl,
          isCancelled: () => current !== runId,
          onProgress: (done, total) => post({ type: 'progress', runId, done, total }),
        });
        // Transfer the buffers: after this the worker's views are detached, so nothing reads them.
        post({ type: 'result', runId, from: msg.from, to: msg.to, results, ms: performance.now() - t0 }, resultBuffers(results));
      } catch (e) {
        if (isAbort(e)) return;
        post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    default:
      msg satisfies never;
  }
};

// Loaded: from here on an error event is a crash, not a failed load.
(self as unknown as { postMessage(m: unknown): void }).postMessage({ type: READY });
