import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { DomDocument, DomElement, DomFormControl, DomStyle } from './dom';

// In-page code only (page.evaluate): the browser's globals.
declare const document: DomDocument;
declare function getComputedStyle(element: DomElement): DomStyle;

/** A tiny sequential runner: browser flows build on each other, so after a failure the dependent rest is skipped. */
export interface Check {
  name: string;
  /** Runs even after an earlier failure (it does not depend on the flow's state), or when this says so. */
  always?: boolean | (() => boolean);
  fn(): Promise<void> | void;
}

export interface Outcome {
  passed: number;
  failed: number;
  skipped: number;
}

export async function runChecks(
  checks: Check[],
  onFailure: (check: Check, index: number) => Promise<void>,
): Promise<Outcome> {
  const outcome: Outcome = { passed: 0, failed: 0, skipped: 0 };
  let broken = false;
  for (const [index, check] of checks.entries()) {
    const always = typeof check.always === 'function' ? check.always() : check.always;
    if (broken && !always) {
      outcome.skipped++;
      console.log(`  - skipped  ${check.name}`);
      continue;
    }
    const started = Date.now();
    try {
      await check.fn();
      outcome.passed++;
      console.log(`  ✓ ${check.name} (${Date.now() - started} ms)`);
    } catch (error) {
      outcome.failed++;
      broken = true;
      console.log(`  ✗ ${check.name} (${Date.now() - started} ms)`);
      console.log(indent(error instanceof Error ? (error.stack ?? error.message) : String(error)));
      await onFailure(check, index).catch(() => undefined);
    }
  }
  return outcome;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .slice(0, 12)
    .map((line) => `      ${line}`)
    .join('\n');

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Numbered full-page screenshots; the folder is emptied at the first one, so a run that never got a page keeps the last set. */
export class Screenshots {
  readonly taken: string[] = [];
  constructor(readonly dir: string) {}

  async take(page: Page, name: string): Promise<void> {
    if (this.taken.length === 0) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
    }
    const file = join(this.dir, `${String(this.taken.length + 1).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    this.taken.push(file);
  }
}

/** The JavaScript index.html loads up front (entry scripts and module preloads), gzipped. */
export function initialJsBudget(distDir: string): {
  files: Array<{ file: string; gzip: number }>;
  total: number;
} {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g)) urls.add(m[1]);
  const files = [...urls].map((url) => {
    const path = url.replace(/^\/admin\//, '');
    if (/^[a-z]+:/i.test(path) || path.startsWith('//'))
      throw new Error(`index.html loads script from elsewhere: ${url}`);
    return { file: path, gzip: gzipSync(readFileSync(join(distDir, path))).length };
  });
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/**
 * Accessibility basics on the current screen: one h1, landmarks, a language, and every visible form
 * control with an accessible name. Returns the problems found.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: DomElement): boolean => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    if (!document.documentElement.lang) problems.push('html has no lang');
    if (!document.documentElement.dir) problems.push('html has no dir');
    if (document.querySelectorAll('main').length !== 1) problems.push('expected exactly one <main>');
    if (!document.querySelector('header')) problems.push('no <header> landmark');
    const h1s = document.querySelectorAll('h1');
    if (h1s.length !== 1) problems.push(`expected one h1, found ${h1s.length}`);
    for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
      const input = el as DomFormControl;
      if (input.type === 'hidden' || input.hidden || !visible(el)) continue;
      const named =
        (input.labels && input.labels.length > 0) ||
        input.getAttribute('aria-label') ||
        input.getAttribute('aria-labelledby');
      if (!named) problems.push(`unlabelled ${el.tagName.toLowerCase()}[name=${input.name}]`);
    }
    for (const el of Array.from(document.querySelectorAll('button, a[href]'))) {
      if (visible(el) && !(el.textContent ?? '').trim() && !el.getAttribute('aria-label'))
        problems.push(`${el.tagName.toLowerCase()} without text`);
    }
    return problems;
  });
}

/** One axe-core rule that failed, with the first few elements it failed on. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface AxeResults {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ target: unknown[]; failureSummary?: string }>;
  }>;
}
// In-page only: axe-core's global once injected.
declare const axe: { run(context: unknown, options: unknown): Promise<AxeResults> };

const AXE_SOURCE = join(__dirname, '../../node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * Runs axe-core (the dev dependency, injected from node_modules; nothing is fetched) on the page as it
 * is now, against WCAG 2.x A/AA and best practices. Evaluated through the DevTools protocol, so a page's
 * CSP (the member pages allow no script) does not stop it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(AXE_SOURCE, 'utf8');
  const loaded = await page.evaluate(() => typeof axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
      ),
  }));
}

/** Fails (and prints every violation) unless axe-core finds nothing wrong on the page. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const report = violations
    .map((v) => `  [${v.impact ?? '?'}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n}`).join('\n')}`)
    .join('\n');
  console.log(`      axe-core on ${label} (${page.url()}):\n${report}`);
  throw new Error(
    `axe-core: ${violations.length} violation(s) on ${label}: ${violations.map((v) => v.id).join(', ')}`,
  );
}
