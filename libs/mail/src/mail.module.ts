import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Env } from '@app/core';
import { DevMailboxMessageEntity } from './dev-mailbox/dev-mailbox-message.entity';
import { DevMailboxRepository } from './dev-mailbox/dev-mailbox.repository';
import { DevMailboxService } from './dev-mailbox/dev-mailbox.service';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { MailPreferencesRepository } from './preferences/mail-preferences.repository';
import { MailPreferencesService } from './preferences/mail-preferences.service';
import { OutboxAdminService } from './outbox/outbox-admin.service';
import { OutboxDispatchRepository } from './outbox/outbox-dispatch.repository';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.service';
import { OutboxMetrics } from './outbox/outbox-metrics';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { DevMailboxTransport } from './transports/dev-mailbox.transport';
import { MailTransport } from './transports/mail-transport';
import { SmtpTransport } from './transports/smtp.transport';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageEntity, DevMailboxMessageEntity])],
  providers: [
    OutboxRepository,
    MailPreferencesRepository,
    OutboxDispatchRepository,
    DevMailboxRepository,
    OutboxService,
    OutboxDispatcher,
    OutboxAdminService,
    OutboxMetrics,
    DevMailboxService,
    MailPreferencesService,
    {
      provide: MailTransport,
      inject: [Env, getRepositoryToken(DevMailboxMessageEntity)],
      useFactory: (env: Env, mailbox: Repository<DevMailboxMessageEntity>): MailTransport =>
        env.SMTP_URL
          ? new SmtpTransport(env.SMTP_URL, env.mailFrom, env.dkim)
          : new DevMailboxTransport(mailbox, env.mailFrom, env.dkim),
    },
  ],
  exports: [
    OutboxService,
    OutboxDispatcher,
    OutboxAdminService,
    DevMailboxService,
    MailPreferencesService,
    MailTransport,
  ],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  onApplicationShutdown(): Promise<void> {
    return this.transport.close();
  }
}
