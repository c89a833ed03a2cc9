// Worker thread for batch commands: answers one analysis job at a time with the same pure runner
// and message schema as the page's analysis workers (src/workers/runJob.ts, messages.ts).
import { parentPort } from 'node:worker_threads';
import type { AnalysisRequest } from '../workers/messages';
import { answer } from '../workers/runJob';

parentPort!.on('message', (request: AnalysisRequest) => {
  const { response, transfer } = answer(request);
  parentPort!.postMessage(response, transfer);
});
