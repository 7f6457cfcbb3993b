import type { DataSource } from 'typeorm';
import type { EventContextService, EventsService } from '@app/events';
import type { UsersService } from '@app/identity';
import type { OutboxService } from '@app/mail';
import type { MembershipsService } from '@app/community';
import type { RsvpService } from '@app/rsvp';
import { AccountErasureService } from './account-erasure.service';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

/** An erasure whose transaction fails with `failures` (in turn) before it goes through. */
function erasure(failures: Error[]) {
  const transaction = jest.fn((work: (tx: object) => Promise<unknown>) => {
    const failure = failures.shift();
    return failure ? Promise.reject(failure) : work({});
  });
  const erase = jest.fn(() => Promise.resolve());
  const none = () => Promise.resolve([]);
  const done = () => Promise.resolve();
  const service = new AccountErasureService(
    { transaction } as unknown as DataSource,
    {
      forErasure: () => Promise.resolve({ email: 'leaving@example.org', instanceRole: 'member' }),
      lockForErasure: done,
      erase,
    } as unknown as UsersService,
    {
      soleOwnedGroups: none,
      forgetInvitesTo: done,
    } as unknown as MembershipsService,
    { forgetRecipient: done } as unknown as OutboxService,
    { upcomingScheduled: none } as unknown as EventsService,
    {} as unknown as EventContextService,
    { answeredEventIds: none } as unknown as RsvpService,
  );
  return { service, transaction, erase };
}

describe('AccountErasureService', () => {
  it('runs the deletion again when PostgreSQL broke a deadlock by failing it', async () => {
    const { service, transaction, erase } = erasure([deadlock()]);
    await service.erase('u1', 'leaving@example.org');
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(erase).toHaveBeenCalledTimes(1);
  });

  it('gives up with a 409 CONFLICT after three tries, and passes other errors on at once', async () => {
    const { service, transaction } = erasure([deadlock(), deadlock(), deadlock()]);
    await expect(service.erase('u1', 'leaving@example.org')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(transaction).toHaveBeenCalledTimes(3);

    const broken = erasure([new Error('disk full')]);
    await expect(broken.service.erase('u1', 'leaving@example.org')).rejects.toThrow('disk full');
    expect(broken.transaction).toHaveBeenCalledTimes(1);
  });
});
