/**
 * What every benchmark in bench/ shares: a fresh migrated PostgreSQL, Hearth started from the build
 * as a child process, closed-loop load over keep-alive HTTP, latency percentiles, CPU and memory
 * figures, seeding helpers, and teardown that runs even when the run fails.
 */
export * from './cleanup';
export * from './cpu-profile';
export * from './deployed';
export * from './hearth-process';
export * from './latency';
export * from './load';
export * from './ports';
export * from './postgres';
export * from './report';
export * from './seed';
export * from './system';
