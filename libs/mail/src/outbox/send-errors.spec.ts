import { classifySendError, retryDelayMs } from './send-errors';

describe('classifySendError', () => {
  it('treats a 550 as permanent and keeps the reply as the reason', () => {
    expect(classifySendError({ responseCode: 550, response: '550 5.1.1 No such user' })).toEqual({
      permanent: true,
      reason: '550: 550 5.1.1 No such user',
    });
  });

  it('retries 4xx replies and connection failures', () => {
    expect(classifySendError({ responseCode: 421, response: '421 try later' }).permanent).toBe(false);
    expect(classifySendError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).permanent).toBe(false);
    expect(classifySendError(new Error('who knows')).permanent).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles per attempt and caps at an hour', () => {
    const mid = () => 0.5;
    expect(retryDelayMs(1, 1000, mid)).toBe(1000);
    expect(retryDelayMs(2, 1000, mid)).toBe(2000);
    expect(retryDelayMs(4, 1000, mid)).toBe(8000);
    expect(retryDelayMs(30, 1000, mid)).toBe(3_600_000);
  });

  it('jitters within ±20%', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1200);
  });
});
