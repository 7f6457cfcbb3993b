import { runHearthProcess } from '@app/runtime';
import { startWorker } from './worker';

// A worker-only process: its own composition root (WorkerAppModule), HEARTH_ROLE forced to `worker`.
void runHearthProcess(startWorker, { HEARTH_ROLE: 'worker' });
