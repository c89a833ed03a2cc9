// Worker bootstrap for the command line: worker threads do not inherit tsx's loader, so register it
// here and then load the TypeScript entry named in workerData. (Workaround for tsx under Node 20.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
