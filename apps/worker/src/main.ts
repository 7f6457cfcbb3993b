import { runFromProcess } from '../../api/src/main';

// A worker-only process: the same bootstrap with HEARTH_ROLE forced to `worker`.
void runFromProcess({ HEARTH_ROLE: 'worker' });
