import { BatchOutcome, KeyedBatches } from './keyed-batches';

/** A promise settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settled = <T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** Lets the batches' promise callbacks run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedBatches', () => {
  it('runs the first item alone and the ones arriving meanwhile together, in order, capped', async () => {
    const first = deferred<string>();
    const one = jest.fn((item: number) => (item === 1 ? first.promise : Promise.resolve(`one ${item}`)));
    const many = jest.fn((items: number[]) =>
      Promise.resolve(items.map((i): BatchOutcome<string> => ({ result: `many ${i}` }))),
    );
    const sizes: number[] = [];
    const batches = new KeyedBatches<number, string>(one, many, 3, (n) => sizes.push(n));

    const results = [1, 2, 3, 4, 5, 6].map((i) => batches.run('event', i));
    expect(batches.waitingFor('event')).toBe(5);
    expect(many).not.toHaveBeenCalled();
    first.resolve('one 1');
    expect(await Promise.all(results)).toEqual(['one 1', 'many 2', 'many 3', 'many 4', 'many 5', 'many 6']);
    expect(many.mock.calls).toEqual([[[2, 3, 4]], [[5, 6]]]);
    expect(sizes).toEqual([1, 3, 2]);
    expect(batches.waitingFor('event')).toBe(-1);
  });

  it('fails only the item whose outcome is an error, and every item of a batch whose statement failed', async () => {
    const first = deferred<string>();
    const statements: Array<ReturnType<typeof deferred<Array<BatchOutcome<string>>>>> = [];
    const many = jest.fn(() => {
      const statement = deferred<Array<BatchOutcome<string>>>();
      statements.push(statement);
      return statement.promise;
    });
    const batches = new KeyedBatches<number, string>(() => first.promise, many, 2);

    const results = [1, 2, 3, 4, 5].map((i) => settled(batches.run('event', i)));
    first.resolve('first');
    await flush();
    statements[0].resolve([{ result: 'two' }, { error: new Error('three failed') }]);
    await flush();
    statements[1].reject(new Error('connection lost'));
    const [a, b, c, d, e] = await Promise.all(results);
    expect(a).toEqual({ value: 'first' });
    expect(b).toEqual({ value: 'two' });
    expect(c).toEqual({ error: new Error('three failed') });
    expect(d).toEqual({ error: new Error('connection lost') });
    expect(e).toEqual({ error: new Error('connection lost') });
    expect(batches.waitingFor('event')).toBe(-1);
  });

  it('keeps keys apart: a key whose statement is in flight does not hold another', async () => {
    const held = deferred<string>();
    const one = jest.fn((item: string) => (item === 'a1' ? held.promise : Promise.resolve(item)));
    const batches = new KeyedBatches<string, string>(one, () => Promise.resolve([]), 10);

    const a1 = batches.run('a', 'a1');
    expect(await batches.run('b', 'b1')).toBe('b1');
    expect(batches.waitingFor('b')).toBe(-1);
    held.resolve('a1');
    expect(await a1).toBe('a1');
  });

  it('answers an item the batch statement left out with an error rather than never', async () => {
    const first = deferred<string>();
    const batches = new KeyedBatches<number, string>(
      () => first.promise,
      () => Promise.resolve([{ result: 'only one row' }]),
      10,
    );
    const results = [1, 2, 3].map((i) => settled(batches.run('event', i)));
    first.resolve('first');
    const [, b, c] = await Promise.all(results);
    expect(b).toEqual({ value: 'only one row' });
    expect(c).toMatchObject({ error: expect.any(Error) });
  });
});
