import type ICALModule from 'ical.js';

let loaded: typeof ICALModule | null = null;

/**
 * ical.js, loaded on the first reply read rather than when the process starts: about 1 MiB of heap
 * (its source alone is 630 KB of two-byte text) that only the inbound path needs, and an api process
 * may never read a reply.
 */
export function ical(): typeof ICALModule {
  // A require, not import(): the reply parser is synchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('ical.js') as typeof ICALModule;
  return loaded;
}
