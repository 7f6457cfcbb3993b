import { FreshReads } from './fresh-reads';

/** A read whose statements are answered by hand, recording what each one was asked. */
function manualRead() {
  const sent: Array<{
    keys: string[];
    answer: (values: Map<string, number>) => void;
    fail: (e: Error) => void;
  }> = [];
  const read = (keys: string[]) =>
    new Promise<Map<string, number>>((resolve, reject) => sent.push({ keys, answer: resolve, fail: reject }));
  return { sent, read };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FreshReads', () => {
  it('answers every caller from a statement sent after it asked, one statement in flight at a time', async () => {
    const { sent, read } = manualRead();
    const reads = new FreshReads(read, -1);
    const first = reads.get('a');
    const alongside = reads.get('b'); // asked in the same turn: the same statement
    await tick();
    expect(sent.map((s) => s.keys)).toEqual([['a', 'b']]);
    // Asked while the first statement is in flight: they must not share its (older) snapshot.
    const second = reads.get('a');
    const third = reads.get('b');
    await tick();
    expect(sent).toHaveLength(1);
    sent[0].answer(new Map([['a', 1]]));
    expect(await first).toBe(1);
    expect(await alongside).toBe(-1);
    await tick();
    expect(sent.map((s) => s.keys)).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    sent[1].answer(new Map([['a', 2]]));
    expect(await second).toBe(2);
    expect(await third).toBe(-1); // not in the answer: the missing value
  });

  it('hands a failed statement’s error to its callers only, and goes on with the next batch', async () => {
    const { sent, read } = manualRead();
    const reads = new FreshReads(read, 0);
    const failed = reads.get('a');
    await tick();
    const later = reads.get('a');
    sent[0].fail(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    await tick();
    sent[1].answer(new Map([['a', 7]]));
    expect(await later).toBe(7);
  });

  it('splits batches at maxKeys, sending the full ones in order', async () => {
    const { sent, read } = manualRead();
    const reads = new FreshReads(read, 0, 2);
    const answers = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'].map((k) => reads.get(k));
    // Two keys a batch: three batches, sent one after the other, in order.
    for (let i = 0; i < 3; i++) {
      await tick();
      await tick();
      const s = sent[i];
      s.answer(new Map(s.keys.map((k) => [k, Number(k.slice(1))])));
    }
    expect(sent.map((s) => s.keys)).toEqual([
      ['k0', 'k1'],
      ['k2', 'k3'],
      ['k4', 'k5'],
    ]);
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('fails a read that throws at once, and one that never answers, and goes on with the next batch', async () => {
    let calls = 0;
    const reads = new FreshReads<string, number>(
      (keys) => {
        calls++;
        if (calls === 1) throw new Error('thrown at once');
        if (calls === 2) return new Promise(() => undefined); // a statement stuck on a dead connection
        return Promise.resolve(new Map(keys.map((k) => [k, 3])));
      },
      0,
      10,
      50,
    );
    await expect(reads.get('a')).rejects.toThrow('thrown at once');
    await expect(reads.get('a')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(await reads.get('a')).toBe(3);
  });
});
