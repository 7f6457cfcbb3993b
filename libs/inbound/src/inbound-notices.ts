import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ProposalIntent } from '@app/calendar';
import { Clock, Env, RsvpAnswer } from '@app/core';
import { InvitationsService, rsvpLinkUrl, signRsvpLink } from '@app/events';
import { OutboxService } from '@app/mail';
import { renderFinishRsvpMail, renderProposalNotice, renderStaleReplyNotice } from '@app/notifications';
import { InvitationFacts } from './decide-reply';
import { InboundRepository } from './inbound.repository';
import { ANSWER_FOR_PARTSTAT } from './inbound.types';

export const STALE_TOLD = 'member told to answer the current version';
/** Already told for this version, or nothing to answer any more (event closed, invitation withdrawn). */
const STALE_NOT_TOLD = 'member not mailed again: already told for this version, or the event is closed';

/**
 * The mail the reply pipeline sends from inside its transaction: how to finish an answer the web
 * must complete, that an answer came from an outdated copy, and a proposed new time for organizers.
 * What each says is @app/notifications; these pick the recipients and links and queue it.
 */
@Injectable()
export class InboundNotices {
  constructor(
    @Inject(Env) private readonly env: Env,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(InboundRepository) private readonly inboundRepository: InboundRepository,
  ) {}

  /** The member is told how to finish: a signed one-click link (it shows the code of conduct or the modes). */
  async mailFinishStep(
    tx: EntityManager,
    inv: InvitationFacts,
    answer: RsvpAnswer,
    reason: 'coc_required' | 'mode_required' | 'answers_required',
  ): Promise<void> {
    const who = await this.inboundRepository.finishRsvpRecipient(tx, inv.userId, inv.eventId);
    if (!who) return;
    const base = this.env.publicBaseUrl;
    const link =
      reason === 'answers_required'
        ? `${base}/events/${inv.eventId}`
        : rsvpLinkUrl(
            base,
            signRsvpLink(inv.userId, inv.eventId, this.env.signingSecret, this.clock.now()),
            answer,
          );
    const step = reason === 'coc_required' ? 'coc' : reason === 'mode_required' ? 'mode' : 'answers';
    await this.outbox.enqueue(tx, {
      purpose: `rsvp_finish_${step}`,
      to: who.email,
      userId: inv.userId,
      eventId: inv.eventId,
      ...renderFinishRsvpMail({ step, eventTitle: who.title, locale: who.locale, link }),
    });
  }

  /**
   * The member answered from an outdated copy: they are told, once per version of the event, that it
   * changed and how to answer the current one (one-click links). Returns what the log says of it.
   */
  async mailStaleReply(tx: EntityManager, inv: InvitationFacts, partstat: string | null): Promise<string> {
    const now = this.clock.now();
    const notice = await this.invitations.claimStaleReplyNotice(tx, inv.id, now);
    if (!notice) return STALE_NOT_TOLD;
    const token = signRsvpLink(notice.userId, notice.eventId, this.env.signingSecret, now);
    const base = this.env.publicBaseUrl;
    const answer =
      partstat !== null && partstat in ANSWER_FOR_PARTSTAT
        ? ANSWER_FOR_PARTSTAT[partstat as keyof typeof ANSWER_FOR_PARTSTAT]
        : 'maybe';
    await this.outbox.enqueue(tx, {
      purpose: 'rsvp_stale_reply',
      to: notice.email,
      userId: notice.userId,
      ...renderStaleReplyNotice({
        locale: notice.locale,
        timeZone: notice.timezone,
        eventTimeZone: notice.eventTimezone,
        eventTitle: notice.title,
        startsAt: notice.startsAt,
        endsAt: notice.endsAt,
        answer,
        links: {
          going: rsvpLinkUrl(base, token, 'going'),
          maybe: rsvpLinkUrl(base, token, 'maybe'),
          declined: rsvpLinkUrl(base, token, 'declined'),
        },
      }),
    });
    return STALE_TOLD;
  }

  /**
   * A member proposed another time from their calendar: each organizer of the group hears of it (the
   * proposal itself is logged either way, for the admin app).
   */
  async mailProposal(tx: EntityManager, inv: InvitationFacts, intent: ProposalIntent): Promise<void> {
    const organizers = await this.inboundRepository.proposalRecipients(tx, inv);
    const link = `${this.env.publicBaseUrl}/admin/events/${inv.eventId}`;
    await this.outbox.enqueue(
      tx,
      ...organizers.map((o) => ({
        purpose: 'rsvp_proposal',
        to: o.email,
        userId: o.user_id,
        aboutUserId: inv.userId,
        eventId: inv.eventId,
        ...renderProposalNotice({
          locale: o.locale,
          timeZone: o.timezone,
          eventTimeZone: o.event_timezone,
          eventTitle: o.title,
          memberName: o.member_name,
          proposal: intent.proposal,
          comment: intent.comment ? intent.comment.slice(0, 500) : null,
          link,
        }),
      })),
    );
  }
}
