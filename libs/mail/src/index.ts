import { DevMailboxMessageEntity } from './dev-mailbox/dev-mailbox-message.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';

export * from './dev-mailbox/dev-mailbox-message.entity';
export * from './dev-mailbox/dev-mailbox.service';
export * from './inbound';
export * from './mail.module';
export * from './outbox/outbox-admin.service';
export * from './outbox/outbox-dispatcher.service';
export * from './outbox/outbox-message.entity';
export * from './outbox/outbox.service';
export * from './outbox/send-errors';
export * from './preferences/mail-preferences.service';
export * from './templates/group-invite.template';
export * from './templates/layout';
export * from './templates/magic-link.template';
export * from './transports/mail-transport';

export const MAIL_ENTITIES = [OutboxMessageEntity, DevMailboxMessageEntity];
export const MAIL_ERROR_CODES = [] as const;
