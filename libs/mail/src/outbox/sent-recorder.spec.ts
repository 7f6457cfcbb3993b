import { OutboxMessageEntity } from './outbox-message.entity';
import { SentRecorder } from './sent-recorder';

const row = (id: string): OutboxMessageEntity => Object.assign(new OutboxMessageEntity(), { id });

describe('SentRecorder', () => {
  afterEach(() => jest.useRealTimers());

  it('records a full batch at once, one batch after another', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const recorder = new SentRecorder(
      async (rows) => {
        batches.push(rows.map((r) => r.id));
        if (batches.length === 1) await first;
      },
      2,
      10_000,
    );
    ['a', 'b', 'c', 'd'].forEach((id) => recorder.add(row(id)));
    await Promise.resolve();
    // The second batch waits for the first to be recorded.
    expect(batches).toEqual([['a', 'b']]);
    release();
    await recorder.flush();
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('records what was accepted within the delay, and the rest on flush', async () => {
    jest.useFakeTimers();
    const batches: string[][] = [];
    const recorder = new SentRecorder(
      (rows) => {
        batches.push(rows.map((r) => r.id));
        return Promise.resolve();
      },
      100,
      50,
    );
    recorder.add(row('a'));
    recorder.add(row('b'));
    jest.advanceTimersByTime(49);
    expect(batches).toEqual([]);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(batches).toEqual([['a', 'b']]);
    recorder.add(row('c'));
    await recorder.flush();
    expect(batches).toEqual([['a', 'b'], ['c']]);
    // Nothing left: flushing again records nothing.
    await recorder.flush();
    jest.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
  });
});
