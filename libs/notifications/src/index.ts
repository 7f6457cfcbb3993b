// What each e-mail says: pure templates, data → { subject, text, html }. No sending, no database.
export {
  type AnnouncedEventItem,
  type AnnouncedTopicItem,
  type AnnouncementGroup,
  type AnnouncementMailInput,
  renderAnnouncementMail,
} from './announcements/announcement-mail.template';
export { type GroupInviteInput, renderGroupInviteMail } from './group-invite.template';
export {
  type EventChange,
  type InvitationMailKind,
  type ReminderLead,
} from './invitations/invitation-mail.kinds';
export {
  type InvitationMailInput,
  renderInvitationMail,
  type RsvpLinks,
} from './invitations/invitation-mail.template';
export {
  isNonEssentialMail,
  type ListUnsubscribeHeaders,
  listUnsubscribeHeaders,
} from './invitations/list-unsubscribe';
export { type RenderedMail } from './layout';
export { type MagicLinkInput, renderMagicLinkMail } from './magic-link.template';
export { type FinishRsvpInput, type FinishStep, renderFinishRsvpMail } from './replies/finish-rsvp.template';
export { type ProposalNoticeInput, renderProposalNotice } from './replies/proposal-notice.template';
export {
  renderStaleReplyNotice,
  type StaleAnswer,
  type StaleReplyNoticeInput,
} from './replies/stale-reply-notice.template';
export { renderStayInTouchMail, type StayInTouchInput } from './networking/stay-in-touch.template';
