// Inbound mail: parsing (MIME, calendar parts, automation), the reply pipeline and one-click links.
export { DEV_REPLY_PARTSTATS, type DevReplyPartstat, DevReplyService } from './dev-reply/dev-reply.service';
export {
  type ApplyPreview,
  InboundAdminService,
  type InboundLogQuery,
  type InboundViewer,
} from './inbound-admin.service';
export { INBOUND_ERROR_CODES, type InboundErrorCode } from './inbound.errors';
export { InboundModule } from './inbound.module';
export { type InboundListFilter, InboundRepository, type InboundRow } from './inbound.repository';
export { InboundService } from './inbound.service';
export {
  type AutomationSignal,
  type CalendarPartInfo,
  describeSize,
  INBOUND_CHANNELS,
  INBOUND_OUTCOMES,
  INBOUND_REASONS,
  INBOUND_REFUSAL_REASONS,
  type InboundChannel,
  type InboundEnvelope,
  type InboundFlags,
  type InboundMeta,
  type InboundOutcome,
  type InboundParseResult,
  type InboundReason,
  type InboundRefusal,
  type InboundRefusalReason,
  type InboundReply,
  type InboundResult,
  type ParseInboundOptions,
  type SizeBasis,
} from './inbound.types';
export {
  type ImapMailboxClient,
  type ImapSettings,
  imapSettingsFromUrl,
  pollMailboxOnce,
  type PollSummary,
} from './imap/imap-mailbox';
export { detectAutomation, type HeaderReader } from './parse/automation';
export { parseInboundEmail } from './parse/parse-inbound';
export {
  type RsvpLinkProblem,
  type RsvpLinkResult,
  RsvpLinkService,
  type RsvpLinkView,
} from './rsvp-link.service';
