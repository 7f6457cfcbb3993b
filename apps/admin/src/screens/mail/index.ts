/** Mail screens: outbox, fan-out jobs and dev mailbox (instance owner), inbound log and reply quarantine. */
export { InboundScreen } from './inbound';
export { JobsScreen } from './jobs';
export { MailboxScreen } from './mailbox';
export { MailboxMessageScreen } from './message';
export { OutboxScreen } from './outbox';
export { QuarantineScreen } from './quarantine';
