import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

// USER_HZ: /proc reports CPU time in these ticks; 100 on every mainstream Linux.
const TICKS_PER_SECOND = 100;

export function machineSummary(): string {
  const list = cpus();
  return `${list.length} cores (${list[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Resident set size and its peak (VmHWM) of a process, in bytes; null where /proc and ps both fail. */
export function memoryOf(pid: number): { rss: number; peak: number | null } | null {
  const status = readProc(`/proc/${pid}/status`);
  if (status) {
    const kb = (key: string): number | null => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : null;
    };
    const rss = kb('VmRSS');
    if (rss !== null) return { rss, peak: kb('VmHWM') };
  }
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return out ? { rss: Number(out) * 1024, peak: null } : null;
  } catch {
    return null;
  }
}

/**
 * Follows a process's memory while it runs (the peak from VmHWM where Linux has it, else the
 * largest sample), so the peak can be reported after the process is gone.
 */
export class PeakRss {
  private peakBytes = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 500,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const m = memoryOf(this.pid);
    if (m) this.peakBytes = Math.max(this.peakBytes, m.peak ?? 0, m.rss);
  }

  /** The peak so far, in bytes (0 if it could never be read). */
  get peak(): number {
    return this.peakBytes;
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

/** CPU seconds (user + system, fields 14 and 15 of /proc/pid/stat) a process has used so far; null off Linux. */
export function cpuSecondsOf(pid: number): number | null {
  const split = cpuSplitOf(pid);
  return split ? split.user + split.system : null;
}

/** CPU seconds in user space and in the kernel (syscalls: sockets, for a server) so far; null off Linux. */
export function cpuSplitOf(pid: number): { user: number; system: number } | null {
  const stat = statFields(pid);
  if (!stat) return null;
  return {
    user: Number(stat.fields[11]) / TICKS_PER_SECOND,
    system: Number(stat.fields[12]) / TICKS_PER_SECOND,
  };
}

function statFields(pid: number | string): { name: string; fields: string[] } | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may contain spaces; fields after it start at field 3.
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    fields: stat.slice(stat.lastIndexOf(')') + 2).split(' '),
  };
}

/** The command name of a process; null off Linux or when it is gone. */
export function commandOf(pid: number): string | null {
  return statFields(pid)?.name ?? null;
}

/** The parent pid of a process; null off Linux or when it is gone. */
export function parentPidOf(pid: number): number | null {
  const stat = statFields(pid);
  return stat ? Number(stat.fields[1]) : null;
}

/** CPU seconds so far of a process and its direct children (a postmaster and its backends), by pid. */
export function treeCpuSeconds(rootPid: number): Map<number, number> | null {
  const root = statFields(rootPid);
  if (!root) return null;
  const cpu = (fields: string[]): number => (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  const result = new Map<number, number>([[rootPid, cpu(root.fields)]]);
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return result;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(entry);
    if (stat && Number(stat.fields[1]) === rootPid) result.set(Number(entry), cpu(stat.fields));
  }
  return result;
}

/** CPU seconds between two tree snapshots; processes that started in between count whole. */
function treeDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** Busy and total CPU seconds of the whole machine so far; null off Linux. */
function machineCpu(): { busy: number; total: number } | null {
  const stat = readProc('/proc/stat');
  const line = stat?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user/nice)
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = v[3] + v[4];
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

/** How busy the machine is over `ms` (percent of one core, all processes); null off Linux. */
export async function machineBusy(ms = 1000): Promise<number | null> {
  const before = machineCpu();
  await new Promise((r) => setTimeout(r, ms));
  const after = machineCpu();
  if (!before || !after || after.total === before.total) return null;
  return (100 * cpus().length * (after.busy - before.busy)) / (after.total - before.total);
}

export interface CpuShare {
  /** Percent of one core, over the interval: 200 means two cores fully busy. */
  machine: number | null;
  server: number | null;
  /** The part of `server` spent in the kernel (socket syscalls, mostly). */
  serverSystem: number | null;
  postgres: number | null;
  loadGenerator: number;
  /** Everything else on the machine (other jobs skew a benchmark on a shared machine). */
  other: number | null;
  cores: number;
}

/**
 * Where the CPU went between start() and stop(): the whole machine, the server process, PostgreSQL
 * (postmaster and backends), this load generator, and the rest. Tells "node is saturated" from
 * "PostgreSQL is" from "something else was running".
 */
export class CpuMeter {
  private startedAt = 0;
  private machine0: { busy: number; total: number } | null = null;
  private server0: { user: number; system: number } | null = null;
  private postgres0: Map<number, number> | null = null;
  private self0 = process.cpuUsage();

  constructor(
    private readonly serverPid: number | null,
    /** The local PostgreSQL's postmaster (BenchDatabase.postmasterPid); null when unknown. */
    private readonly postmasterPid: number | null,
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.machine0 = machineCpu();
    this.server0 = this.serverPid ? cpuSplitOf(this.serverPid) : null;
    this.postgres0 = this.postmasterPid ? treeCpuSeconds(this.postmasterPid) : null;
    this.self0 = process.cpuUsage();
  }

  stop(): CpuShare {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const pct = (cpuSeconds: number | null): number | null =>
      cpuSeconds === null ? null : (100 * cpuSeconds) / seconds;
    const machine1 = machineCpu();
    const server1 = this.serverPid ? cpuSplitOf(this.serverPid) : null;
    const postgres1 = this.postmasterPid ? treeCpuSeconds(this.postmasterPid) : null;
    const self = process.cpuUsage(this.self0);
    const cores = cpus().length;
    const machine =
      machine1 && this.machine0
        ? (100 * cores * (machine1.busy - this.machine0.busy)) / (machine1.total - this.machine0.total)
        : null;
    const s0 = this.server0;
    const server = server1 && s0 ? pct(server1.user + server1.system - s0.user - s0.system) : null;
    const serverSystem = server1 && s0 ? pct(server1.system - s0.system) : null;
    // Backends that exit during the interval are missed; the pools here keep theirs open throughout.
    const postgres = pct(treeDelta(this.postgres0, postgres1));
    const loadGenerator = (100 * (self.user + self.system)) / 1e6 / seconds;
    const other =
      machine === null ? null : Math.max(0, machine - (server ?? 0) - (postgres ?? 0) - loadGenerator);
    return { machine, server, serverSystem, postgres, loadGenerator, other, cores };
  }
}
