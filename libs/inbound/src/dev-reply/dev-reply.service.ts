import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type ICALModule from 'ical.js';
import { Clock, DomainError } from '@app/core';
import { InboundService } from '../inbound.service';
import { InboundResult } from '../inbound.types';

export const DEV_REPLY_PARTSTATS = ['ACCEPTED', 'TENTATIVE', 'DECLINED'] as const;
export type DevReplyPartstat = (typeof DEV_REPLY_PARTSTATS)[number];

const SUBJECT_PREFIX: Record<DevReplyPartstat, string> = {
  ACCEPTED: 'Accepted',
  TENTATIVE: 'Tentative',
  DECLINED: 'Declined',
};

/** What a calendar client reads from an invitation before it answers. */
interface Invitation {
  uid: string;
  sequence: number;
  start: Date | null;
  summary: string;
  organizer: string;
  attendee: string;
}

const mailto = (value: string): string => value.replace(/^mailto:/i, '').trim();

/** The REQUEST inside a delivered invitation (text/calendar part or .ics attachment), as a client reads it. */
async function readInvitation(raw: string): Promise<Invitation> {
  // Loaded on use (the dev mailbox only): mailparser costs memory in every process that imports it.
  const { simpleParser } = await import('mailparser');
  const ICAL = await loadIcal();
  const mail = await simpleParser(raw);
  const part = mail.attachments.find(
    (a) => a.contentType.toLowerCase() === 'text/calendar' || /\.ics$/i.test(a.filename ?? ''),
  );
  if (!part) throw new DomainError('VALIDATION_FAILED', 'This message carries no calendar invitation');
  let jcal: unknown;
  try {
    jcal = ICAL.parse(part.content.toString('utf8'));
  } catch {
    jcal = null;
  }
  if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar')
    throw new DomainError('VALIDATION_FAILED', 'The invitation’s calendar cannot be read');
  const calendar = new ICAL.Component(jcal);
  const method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REQUEST')
    throw new DomainError(
      'VALIDATION_FAILED',
      `Only invitations (METHOD:REQUEST) can be answered, not ${method}`,
    );
  const event = calendar.getFirstSubcomponent('vevent');
  const attendees = event?.getAllProperties('attendee') ?? [];
  const organizer = event?.getFirstPropertyValue('organizer');
  if (!event || attendees.length !== 1 || typeof organizer !== 'string')
    throw new DomainError('VALIDATION_FAILED', 'The invitation has no single attendee and organizer');
  const start = event.getFirstPropertyValue('dtstart');
  return {
    uid: String(event.getFirstPropertyValue('uid') ?? ''),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    start: start instanceof ICAL.Time ? start.toJSDate() : null,
    summary: String(event.getFirstPropertyValue('summary') ?? ''),
    organizer: mailto(organizer),
    attendee: mailto(String(attendees[0].getFirstValue())),
  };
}

/** ical.js, loaded on use like mailparser: most processes never answer an invitation from the dev mailbox. */
async function loadIcal(): Promise<typeof ICALModule> {
  return (await import('ical.js')).default;
}

/** RFC 5546 §3.2.3 REPLY: the invitation's UID and SEQUENCE, its ORGANIZER, and only this attendee. */
function replyCalendar(
  ICAL: typeof ICALModule,
  inv: Invitation,
  partstat: DevReplyPartstat,
  now: Date,
): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Hearth//Dev mailbox reply//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('method', 'REPLY');
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', inv.uid);
  event.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
  if (inv.start) event.updatePropertyWithValue('dtstart', ICAL.Time.fromJSDate(inv.start, true));
  event.updatePropertyWithValue('sequence', inv.sequence);
  if (inv.summary) event.updatePropertyWithValue('summary', inv.summary);
  event.updatePropertyWithValue('organizer', `mailto:${inv.organizer}`);
  const attendee = new ICAL.Property('attendee');
  attendee.setParameter('partstat', partstat);
  attendee.setValue(`mailto:${inv.attendee}`);
  event.addProperty(attendee);
  calendar.addSubcomponent(event);
  return calendar.toString().replace(/\r?\n/g, '\r\n');
}

/**
 * Dev mailbox only: answers an invitation the way the attendee's calendar client would — a genuine
 * iMIP REPLY e-mail from their address to the invitation's ORGANIZER (its per-invitation reply
 * address) — and hands it to the inbound pipeline exactly as the SMTP listener does. Nothing here
 * decides the RSVP: the pipeline verifies the token, UID, attendee and sequence, and applies it
 * through the RSVP service like any real reply.
 */
@Injectable()
export class DevReplyService {
  constructor(
    @Inject(InboundService) private readonly inbound: InboundService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** `raw` is the delivered invitation e-mail; a message that is not one is a VALIDATION_FAILED. */
  async answer(
    raw: string,
    partstat: DevReplyPartstat,
  ): Promise<InboundResult & { from: string; to: string }> {
    const invitation = await readInvitation(raw);
    const now = this.clock.now();
    const domain = invitation.attendee.split('@')[1] ?? 'client.invalid';
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
    const reply = await new MailComposer({
      from: invitation.attendee,
      to: invitation.organizer,
      subject: `${SUBJECT_PREFIX[partstat]}: ${invitation.summary}`,
      messageId: `<${randomUUID()}@${domain}>`,
      date: now,
      text: `${invitation.attendee} has ${SUBJECT_PREFIX[partstat].toLowerCase()} this invitation.\n`,
      icalEvent: { method: 'REPLY', content: replyCalendar(await loadIcal(), invitation, partstat, now) },
    })
      .compile()
      .build();
    const result = await this.inbound.receive(reply, {
      channel: 'smtp',
      envelopeFrom: invitation.attendee,
      envelopeTo: [invitation.organizer],
    });
    return { ...result, from: invitation.attendee, to: invitation.organizer };
  }
}
