/** Mail screens: outbox and dev mailbox (instance owner), inbound log and reply quarantine. */
export { InboundScreen } from './inbound';
export { MailboxScreen } from './mailbox';
export { MailboxMessageScreen } from './message';
export { OutboxScreen } from './outbox';
export { QuarantineScreen } from './quarantine';
