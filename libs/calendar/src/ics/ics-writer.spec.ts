import { foldLine } from './ics-writer';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('foldLine', () => {
  it('leaves lines of up to 75 octets alone', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'abcdefghij'.repeat(20)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    expect(physical.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(physical.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a multi-octet UTF-8 character (Arabic, emoji)', () => {
    const line = `SUMMARY:${'مرحبا بكم 🏳️‍🌈 '.repeat(12)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) {
      expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
      // A split sequence would not survive a UTF-8 round trip.
      expect(Buffer.from(physical, 'utf8').toString('utf8')).toBe(physical);
      expect(physical).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(unfold(folded)).toBe(line);
  });
});
