import { toLanguage } from '@app/i18n';
import { CalendarAttendee, CalendarEventData, CalendarPerson } from './calendar-event';
import { ITIP_METHOD } from './itip';
import { writeIcs } from './ics-writer';
import { addEvent, createEventContainer } from './vevent';

interface InvitationIcsBase {
  /** Stable per event for its whole life: `<event id>@<domain>`. */
  uid: string;
  /** The event's SEQUENCE: incremented on every material change and for the cancellation. */
  sequence: number;
  /** When this message was created; written in UTC. */
  dtstamp: Date;
  event: CalendarEventData;
  /** The group (CN) and this invitation's reply address, `rsvp+<token>@<inbound domain>`. */
  organizer: CalendarPerson;
  /** The recipient, the only ATTENDEE: nobody sees who else is invited (DESIGN §4). */
  attendee: CalendarAttendee;
  /** Recipient's locale (BCP 47); chooses the language of the links block in DESCRIPTION. */
  locale?: string | null;
}

/** Invite, or update after a material change (time, place, join link, status). */
export interface InvitationRequestInput extends InvitationIcsBase {
  method: typeof ITIP_METHOD.REQUEST;
}

/**
 * Cancellation. `cancels: 'event'` when the event is cancelled (STATUS:CANCELLED); `'attendee'` when
 * this person was removed, where RFC 5546 §3.2.5 says STATUS must not be set.
 */
export interface InvitationCancelInput extends InvitationIcsBase {
  method: typeof ITIP_METHOD.CANCEL;
  cancels: 'event' | 'attendee';
}

export type InvitationIcsInput = InvitationRequestInput | InvitationCancelInput;

/** One recipient's iMIP calendar object (RFC 5546 REQUEST or CANCEL) as ICS text. */
export function buildInvitationIcs(input: InvitationIcsInput): string {
  const cancel = input.method === ITIP_METHOD.CANCEL;
  if (!cancel && input.event.status === 'CANCELLED') {
    throw new Error('a cancelled event is sent with METHOD:CANCEL, not REQUEST');
  }
  const event = addEvent(createEventContainer(), {
    uid: input.uid,
    sequence: input.sequence,
    dtstamp: input.dtstamp,
    event: input.event,
    status: cancel ? (input.cancels === 'event' ? 'CANCELLED' : null) : input.event.status,
    organizer: input.organizer,
    // RSVP=TRUE asks the client to offer Yes/Maybe/No; a cancellation expects no answer.
    attendee: { person: input.attendee, rsvp: !cancel },
    // A cancellation needs no venue, and a removed person must not learn it.
    withPlace: !cancel,
    private: true,
    locale: toLanguage(input.locale),
  });
  return writeIcs({ method: input.method }, [event]);
}

/** An iMIP calendar part: the MIME `method=` parameter, the body and the attachment's file name. */
export interface CalendarMimePart {
  method: string;
  content: string;
  filename: string;
}

/**
 * The outbox row's calendar part for an invitation. The MIME `method=` parameter (set by the
 * transport from `method`) and the body's METHOD are both `input.method`, so they cannot differ.
 */
export function invitationCalendarPart(input: InvitationIcsInput): CalendarMimePart {
  return { method: input.method, content: buildInvitationIcs(input), filename: 'invite.ics' };
}
