export * from './ics/calendar-event';
export * from './ics/feed-ics';
export * from './ics/invitation-ics';
export * from './ics/itip';
export * from './mail/invitation-mail.copy';
export * from './mail/invitation-mail.template';
export * from './mail/list-unsubscribe';
export * from './reply';
