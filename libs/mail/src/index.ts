import { DevMailboxMessageEntity } from './dev-mailbox/dev-mailbox-message.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';

// The outbox and its transports, the dev mailbox and mail preferences. What a mail says is
// @app/notifications; reading inbound mail is @app/inbound.
export { type DevMailboxSummary, DevMailboxService } from './dev-mailbox/dev-mailbox.service';
export { MailModule } from './mail.module';
export { OutboxAdminService, type OutboxSummary } from './outbox/outbox-admin.service';
export { OutboxDispatcher } from './outbox/outbox-dispatcher.service';
export {
  type OutboxAttachment,
  type OutboxCalendar,
  OutboxMessageEntity,
  OUTBOX_STATUSES,
  type OutboxStatus,
} from './outbox/outbox-message.entity';
export { type OutgoingMail, OutboxService } from './outbox/outbox.service';
export { type DeferredRow, insertDeferredSql } from './outbox/outbox.repository';
export {
  MailPreferencesService,
  OPT_OUT_CATEGORIES,
  type OptOutCategory,
} from './preferences/mail-preferences.service';
export { MimeWriter, type MimeSource, type WrittenMessage } from './transports/mime-writer';

export const MAIL_ENTITIES = [OutboxMessageEntity, DevMailboxMessageEntity];
export const MAIL_ERROR_CODES = [] as const;
