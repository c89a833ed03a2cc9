import type { AnalysisRequest, AnalysisResponse } from './messages';
import { answer } from './runJob';
import { READY } from './workerSlots';

// A module worker; the project's lib is DOM, so the two members used are typed by hand (as sim.worker.ts).
const scope = self as unknown as {
  postMessage(message: AnalysisResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
};

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { response, transfer } = answer(event.data);
  scope.postMessage(response, transfer);
};

// Loaded: from here on an error event is a crash, not a failed load.
(self as unknown as { postMessage(m: unknown): void }).postMessage({ type: READY });
