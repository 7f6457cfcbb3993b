import { Inject, Injectable } from '@nestjs/common';
import { ITIP_METHOD, invitationCalendarPart, partstatForRsvp, replyAddress } from '@app/calendar';
import { decideGroupAccess } from '@app/community';
import { Env, signToken } from '@app/core';
import { OutgoingMail } from '@app/mail';
import {
  EventChange,
  InvitationMailKind,
  isNonEssentialMail,
  listUnsubscribeHeaders,
  renderInvitationMail,
} from '@app/notifications';
import { ViewerRsvpStatus, decideEventView } from '../access/event-visibility';
import { EventEntity } from '../events/event.entity';
import { calendarEventData } from '../feeds/calendar-data';
import { OPT_OUT, RecipientRow } from './invitations.repository';
import { RsvpLinkAnswer, rsvpLinkUrl, signRsvpLink } from './rsvp-links';

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';
const LINK_TTL_S = 90 * 24 * 3600;

export interface SendOptions {
  /** For updates: what changed, named in the mail. */
  changes?: EventChange[];
  /** For reminders: how long before the start. */
  lead?: '24h' | '1h';
  /**
   * For a deferred notice: the RSVP status it reports (its PARTSTAT), as it was when the notice was
   * queued; what the person may see is still decided from their status now (row.rsvp_status).
   */
  answered?: ViewerRsvpStatus;
}

/**
 * What one message about an event to one person says, from the event and the person's row: each
 * carries an iTIP REQUEST or CANCEL (except reminders) whose ORGANIZER is the invitation's own reply
 * address and whose one ATTENDEE is the recipient; what they see of the venue is decided per recipient
 * by decideEventView. Used by the RSVP notices (synchronous) and the fan-out worker alike.
 */
@Injectable()
export class InvitationComposer {
  constructor(@Inject(Env) private readonly env: Env) {}

  compose(
    event: EventEntity,
    row: RecipientRow,
    kind: InvitationMailKind,
    sequence: number,
    options: SendOptions,
  ): OutgoingMail {
    const base = this.env.publicBaseUrl;
    const secret = this.env.signingSecret;
    const group = decideGroupAccess(
      row.group_visibility,
      row.role && row.membership_status ? { role: row.role, status: row.membership_status } : null,
    );
    const view = decideEventView(event, group, row.rsvp_status, true);
    const ended = kind === 'cancellation' || kind === 'removed';
    const data = calendarEventData(event, view.canSeeLocation && !ended, base);
    const exp = Math.floor(Date.now() / 1000) + LINK_TTL_S;
    const rsvpToken = signRsvpLink(row.user_id, event.id, secret, new Date());
    const link = (answer: RsvpLinkAnswer) => rsvpLinkUrl(base, rsvpToken, answer);
    const common = {
      locale: row.locale,
      timeZone: row.timezone,
      recipientName: row.display_name,
      groupName: row.group_name,
      event: data,
      rsvpLinks: ended ? null : { going: link('going'), maybe: link('maybe'), cantGo: link('declined') },
    };
    const rendered =
      kind === 'update'
        ? renderInvitationMail({ ...common, kind, changes: options.changes ?? [] })
        : kind === 'reminder'
          ? renderInvitationMail({ ...common, kind, lead: options.lead ?? '24h' })
          : renderInvitationMail({ ...common, kind });
    const organizer = {
      name: row.group_name,
      email: replyAddress(row.invitation_id, secret, this.env.INBOUND_DOMAIN),
    };
    const partstat = partstatForRsvp(options.answered ?? row.rsvp_status); // see SendOptions.answered
    const attendee = { name: row.display_name, email: row.email, partstat };
    const ics = {
      uid: event.calendarUid,
      sequence,
      dtstamp: new Date(),
      event: data,
      organizer,
      attendee,
      locale: row.locale,
    };
    const calendar =
      kind === 'reminder'
        ? undefined
        : ended
          ? invitationCalendarPart({
              ...ics,
              method: ITIP_METHOD.CANCEL,
              cancels: kind === 'removed' ? 'attendee' : 'event',
            })
          : invitationCalendarPart({ ...ics, method: ITIP_METHOD.REQUEST });
    const headers: Record<string, string> = { 'Reply-To': organizer.email };
    const category = OPT_OUT[kind];
    // RFC 8058 one-click unsubscribe needs an https endpoint that takes a POST; plain-http dev setups get none.
    if (category && isNonEssentialMail(kind) && base.startsWith('https://')) {
      const token = signToken(
        { purpose: UNSUBSCRIBE_PURPOSE, sub: row.user_id, category, exp: exp + LINK_TTL_S },
        secret,
      );
      Object.assign(headers, listUnsubscribeHeaders(`${base}/api/unsubscribe/${token}`));
    }
    return {
      purpose: `event_${kind}`,
      to: row.email,
      userId: row.user_id,
      eventId: event.id,
      // Per person and event, messages leave in the order queued, which is SEQUENCE order (DESIGN §2).
      orderingKey: `event:${event.id}:user:${row.user_id}`,
      ...rendered,
      headers,
      calendar,
    };
  }
}
