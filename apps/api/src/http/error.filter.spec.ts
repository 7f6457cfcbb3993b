import { ArgumentsHost, Logger } from '@nestjs/common';
import { ErrorFilter } from './error.filter';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
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
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return sent;
}

describe('ErrorFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('answers a malformed %-escape (URIError) with a 400 in the error shape', () => {
    expect(answer(new URIError('URI malformed'))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request has a malformed %-escape' },
    });
  });

  it('still answers an unknown error with a 500 and a logged error id', () => {
    const { status, body } = answer(new TypeError('x is undefined'));
    expect(status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
      details: { errorId: expect.any(String) },
    });
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.stringContaining(String((body.details as { errorId: string }).errorId)),
    );
  });
});
