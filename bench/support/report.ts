import { CpuShare } from './system';

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

export function mib(bytes: number): string {
  return bytes > 0 ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : 'n/a';
}

export function cpu(share: CpuShare): string {
  const pct = (v: number | null): string => (v === null ? 'n/a' : `${v.toFixed(0)}%`);
  return (
    `CPU (100% = one core, ${share.cores} cores): machine ${pct(share.machine)}, ` +
    `server ${pct(share.server)}${share.serverSystem === null ? '' : ` (kernel ${pct(share.serverSystem)})`}, postgres ${pct(share.postgres)}, load generator ${pct(share.loadGenerator)}, ` +
    `other processes ${pct(share.other)}${(share.other ?? 0) > 25 ? ' (!! the machine was shared: figures are skewed)' : ''}`
  );
}

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

export const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
