import { DomainError } from '@app/core';
import { clampLimit, decodeCursor, encodeCursor, toPage } from './pagination';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const AT = '2025-11-21T09:15:02.123456Z';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('keyset cursors', () => {
  it('round-trips a position with microsecond precision', () => {
    expect(decodeCursor(encodeCursor({ at: AT, id: ID }))).toEqual({ at: AT, id: ID });
  });

  it('is opaque url-safe text', () => {
    expect(encodeCursor({ at: AT, id: ID })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['empty', ''],
    ['not an array', Buffer.from('{"at":"x"}').toString('base64url')],
    ['bad id', Buffer.from(JSON.stringify([AT, 'nope'])).toString('base64url')],
    ['millisecond time', Buffer.from(JSON.stringify(['2025-11-21T09:15:02.123Z', ID])).toString('base64url')],
    [
      'impossible date',
      Buffer.from(JSON.stringify(['2025-02-30T09:15:02.123456Z', ID])).toString('base64url'),
    ],
    ['year zero', Buffer.from(JSON.stringify(['0000-01-01T00:00:00.000000Z', ID])).toString('base64url')],
    [
      'sql in the time',
      Buffer.from(JSON.stringify(["2025-11-21'; DROP TABLE topics;--", ID])).toString('base64url'),
    ],
    ['extra element', Buffer.from(JSON.stringify([AT, ID, 1])).toString('base64url')],
  ])('rejects a %s cursor as VALIDATION_FAILED', (_, raw) => {
    expect(codeOf(() => decodeCursor(raw))).toBe('VALIDATION_FAILED');
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3].map((n) => ({ n, at: AT, id: ID.replace(/1$/, String(n)) }));
  const cursorOf = (r: { at: string; id: string }) => ({ at: r.at, id: r.id });

  it('gives a next cursor pointing at the last returned row when an extra row was fetched', () => {
    const page = toPage(rows, 2, cursorOf, (r) => r.n);
    expect(page.items).toEqual([1, 2]);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({ at: AT, id: rows[1].id });
  });

  it('has no next cursor on the last page', () => {
    expect(toPage(rows, 3, cursorOf, (r) => r.n)).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(toPage([], 3, cursorOf, (r: { at: string; id: string }) => r)).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('clampLimit', () => {
  it('defaults to 20 and keeps limits within 1..100', () => {
    expect(clampLimit(undefined)).toBe(20);
    expect(clampLimit(0)).toBe(1);
    expect(clampLimit(500)).toBe(100);
    expect(clampLimit(7)).toBe(7);
  });
});
