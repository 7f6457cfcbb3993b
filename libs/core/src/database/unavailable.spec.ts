import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable';

const coded = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('database unavailability', () => {
  it('recognises refused, reset and timed-out sockets', () => {
    expect(databaseUnavailable(coded('ECONNREFUSED'))).toEqual({
      reason: 'connection refused',
      transient: true,
    });
    expect(databaseUnavailable(coded('ECONNRESET'))?.transient).toBe(true);
    expect(databaseUnavailable(coded('ETIMEDOUT'))).toEqual({
      reason: 'connection timed out',
      transient: false,
    });
  });

  it('recognises a refused connection inside an AggregateError (IPv4 and IPv6 both tried)', () => {
    const aggregate = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]), {
      code: 'ECONNREFUSED',
    });
    expect(databaseUnavailable(aggregate)?.reason).toBe('connection refused');
    expect(databaseUnavailable(new AggregateError([coded('ECONNREFUSED')]))?.reason).toBe(
      'connection refused',
    );
  });

  it('recognises terminated backends and SQLSTATE class 08, also wrapped by TypeORM', () => {
    const terminated = coded('57P01', 'terminating connection due to administrator command');
    expect(databaseUnavailable(new QueryFailedError('SELECT 1', [], terminated))).toEqual({
      reason: 'connection terminated by the server',
      transient: true,
    });
    expect(databaseUnavailable(coded('57P02'))?.reason).toBe('server crashed');
    expect(databaseUnavailable(coded('57P03'))?.reason).toBe('server starting up or shutting down');
    expect(databaseUnavailable(coded('08006'))).toEqual({ reason: 'connection failure', transient: true });
    expect(databaseUnavailable(coded('08P01'))?.reason).toBe('connection failure');
    expect(databaseUnavailable(coded('53300'))).toEqual({ reason: 'too many connections', transient: false });
  });

  it("recognises node-postgres' and the pool's uncoded messages", () => {
    const lost = new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'));
    expect(databaseUnavailable(lost)).toEqual({ reason: 'connection lost', transient: true });
    expect(databaseUnavailable(new Error('timeout exceeded when trying to connect'))).toEqual({
      reason: 'connection timed out',
      transient: false,
    });
    expect(databaseUnavailable(new Error('Connection terminated due to connection timeout'))?.transient).toBe(
      false,
    );
    expect(
      databaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))
        ?.reason,
    ).toBe('connection lost');
    expect(databaseUnavailable(new Error('x', { cause: coded('ECONNRESET') }))?.reason).toBe(
      'connection reset',
    );
  });

  it('leaves query errors, bugs and non-errors alone', () => {
    expect(isDatabaseUnavailable(coded('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(coded('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isDatabaseUnavailable(coded('42P01', 'relation "Connection terminated" does not exist'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
