import type { AnalysisRequest, AnalysisResponse } from './messages';
import { outputBuffers, runJob } from './runJob';
import { READY } from './workerSlots';

// A module worker; the project's lib is DOM, so the two members used are typed by hand (as sim.worker.ts).
const scope = self as unknown as {
  postMessage(message: AnalysisResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
};

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { jobId, ...job } = event.data;
  const t0 = performance.now();
  try {
    const out = runJob(job);
    scope.postMessage({ ...out, jobId, ms: performance.now() - t0 }, outputBuffers(out));
  } catch (e) {
    scope.postMessage({ type: 'error', jobId, message: e instanceof Error ? e.message : String(e) }, []);
  }
};

// Loaded: from here on an error event is a crash, not a failed load.
(self as unknown as { postMessage(m: unknown): void }).postMessage({ type: READY });
