import { ArgumentsHost, Logger } from '@nestjs/common';
import { ErrorFilter } from './error.filter';

function answer(exception: unknown, requestId = 'req-1'): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: requestId }) }),
  } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return sent;
}

describe('ErrorFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('answers a malformed %-escape (URIError) with a 400 in the error shape', () => {
    expect(answer(new URIError('URI malformed'))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request has a malformed %-escape',
        requestId: 'req-1',
      },
    });
  });

  it('answers a write that refers to a row deleted meanwhile (foreign_key_violation) with a 409', () => {
    const lost = Object.assign(new Error('insert or update violates foreign key constraint'), {
      driverError: { code: '23503', constraint: 'FK_rsvps_user_id' },
    });
    expect(answer(lost)).toMatchObject({ status: 409, body: { statusCode: 409, code: 'CONFLICT' } });
    expect(answer(Object.assign(new Error('other'), { code: '23502' })).status).toBe(500);
  });

  it('answers a transaction PostgreSQL failed to break a deadlock with a 409 (nothing was kept)', () => {
    for (const code of ['40P01', '40001'])
      expect(answer(Object.assign(new Error('deadlock detected'), { code }))).toMatchObject({
        status: 409,
        body: { code: 'CONFLICT' },
      });
  });

  it('answers an unknown error with a 500 whose logged error id is the request id', () => {
    const { status, body } = answer(new TypeError('x is undefined'), 'req-500');
    expect(status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
      details: { errorId: 'req-500' },
      requestId: 'req-500',
    });
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({ msg: 'unhandled error req-500', reqId: 'req-500' }),
    );
  });
});
