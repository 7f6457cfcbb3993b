import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { IsIn } from 'class-validator';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { Clock, DomainError } from '@app/core';
import { Principal } from '@app/identity';
import { InboundResult, InboundService } from '@app/inbound';
import { DevMailboxService } from '@app/mail';
import { CurrentUser, requireInstanceOwner } from '../http/auth.guard';
import { INBOUND_OUTCOMES } from '../inbound/inbound.mapper';

const PARTSTATS = ['ACCEPTED', 'TENTATIVE', 'DECLINED'] as const;
type Partstat = (typeof PARTSTATS)[number];

const SUBJECT_PREFIX: Record<Partstat, string> = {
  ACCEPTED: 'Accepted',
  TENTATIVE: 'Tentative',
  DECLINED: 'Declined',
};

export class DevReplyDto {
  @ApiProperty({ enum: PARTSTATS }) @IsIn(PARTSTATS) partstat!: Partstat;
}

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

/** RFC 5546 §3.2.3 REPLY: the invitation's UID and SEQUENCE, its ORGANIZER, and only this attendee. */
function replyCalendar(inv: Invitation, partstat: Partstat, now: Date): string {
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
 * Dev mailbox only (registered when no SMTP relay is set): answers an invitation in the mailbox the
 * way the attendee's calendar client would — a genuine iMIP REPLY e-mail from their address to the
 * invitation's ORGANIZER (its per-invitation reply address) — and hands it to the inbound pipeline
 * exactly as the SMTP listener does. Nothing here decides the RSVP: the pipeline verifies the token,
 * UID, attendee and sequence, and applies it through the RSVP service like any real reply.
 */
class DevReplyResponse {
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty() messageId!: string;
  @ApiProperty() duplicate!: boolean;
  @ApiProperty({ enum: INBOUND_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ required: false }) rsvpStatus?: string;
  @ApiProperty({ description: 'The attendee the reply was sent as' }) from!: string;
  @ApiProperty({ description: 'The invitation’s reply address' }) to!: string;
}

@ApiTags('mail')
@ApiErrorResponses(400, 401, 403, 404, 422)
@Controller('api/dev/mailbox')
export class DevReplyController {
  constructor(
    @Inject(DevMailboxService) private readonly mailbox: DevMailboxService,
    @Inject(InboundService) private readonly inbound: InboundService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOkResponse({ type: DevReplyResponse })
  async reply(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DevReplyDto,
  ): Promise<InboundResult & { from: string; to: string }> {
    requireInstanceOwner(principal);
    const invitation = await readInvitation(await this.mailbox.raw(id));
    const now = this.clock.now();
    const domain = invitation.attendee.split('@')[1] ?? 'client.invalid';
    const raw = await new MailComposer({
      from: invitation.attendee,
      to: invitation.organizer,
      subject: `${SUBJECT_PREFIX[dto.partstat]}: ${invitation.summary}`,
      messageId: `<${randomUUID()}@${domain}>`,
      date: now,
      text: `${invitation.attendee} has ${SUBJECT_PREFIX[dto.partstat].toLowerCase()} this invitation.\n`,
      icalEvent: { method: 'REPLY', content: replyCalendar(invitation, dto.partstat, now) },
    })
      .compile()
      .build();
    const result = await this.inbound.receive(raw, {
      channel: 'smtp',
      envelopeFrom: invitation.attendee,
      envelopeTo: [invitation.organizer],
    });
    return { ...result, from: invitation.attendee, to: invitation.organizer };
  }
}
