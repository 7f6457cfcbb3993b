import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError, Env } from '@app/core';
import { EventContext, EventContextService, EventKind, Feed, FeedsService } from '@app/events';
import { UsersService } from '@app/identity';
import { RsvpMode, RsvpService, RsvpStatus } from '@app/rsvp';
import { RsvpLinkAnswer, verifyRsvpLink } from '@app/events';

/** Why a link cannot be used: `invalid` (tampered, foreign, malformed) or `gone` (expired, event or person gone). */
export type RsvpLinkProblem = { problem: 'invalid' | 'gone' };

export interface RsvpLinkView {
  eventId: string;
  title: string;
  groupName: string;
  kind: EventKind;
  eventStatus: 'draft' | 'scheduled' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  /** The member's own time zone, or null when theirs is unusable. */
  memberTimeZone: string | null;
  /** The event's own zone. */
  eventTimeZone: string;
  /** The recipient's language (the one their invitation was written in). */
  locale: string;
  myRsvp: RsvpStatus | null;
  /** The recipient the link was made for. */
  userId: string;
  /** The event as the recipient may see it (venue and join link decided by the one visibility rule). */
  context: EventContext;
}

export type RsvpLinkResult =
  | { ok: true; status: RsvpStatus; changed: boolean }
  | { ok: false; code: string; message: string; details?: Record<string, unknown> };

/**
 * The one-click links of invitation mail, authorised by their signed token alone (no account or
 * session needed). Showing a link's page reads only; answering goes through the RSVP service with
 * source `link`, like every other channel.
 */
@Injectable()
export class RsvpLinkService {
  constructor(
    @Inject(Env) private readonly env: Env,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(FeedsService) private readonly feeds: FeedsService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** The page's facts; changes nothing (mail scanners open these links). */
  async view(token: string): Promise<RsvpLinkView | RsvpLinkProblem> {
    const link = this.verify(token);
    if ('problem' in link) return link;
    const user = await this.users.find(link.userId);
    if (!user) return { problem: 'gone' };
    const context = await this.contexts.load(link.eventId, link.userId);
    if (!context || !context.view.canSee) return { problem: 'gone' };
    const { event } = context;
    return {
      eventId: event.id,
      title: event.title,
      groupName: context.group.group.name,
      kind: event.kind,
      eventStatus: event.status,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      memberTimeZone: usableZone(user.timezone),
      eventTimeZone: event.timezone,
      locale: user.locale,
      myRsvp: context.myRsvp,
      userId: link.userId,
      context,
    };
  }

  async respond(
    token: string,
    answer: RsvpLinkAnswer,
    options: { cocAcknowledged?: boolean; mode?: RsvpMode } = {},
  ): Promise<RsvpLinkResult | RsvpLinkProblem> {
    const link = this.verify(token);
    if ('problem' in link) return link;
    try {
      const outcome = await this.rsvps.respond({
        eventId: link.eventId,
        userId: link.userId,
        answer,
        source: 'link',
        ...(options.cocAcknowledged ? { cocAcknowledged: true } : {}),
        ...(options.mode ? { mode: options.mode } : {}),
      });
      return { ok: true, status: outcome.rsvp.status, changed: outcome.changed };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const refusal = error as DomainError;
      // The person (or the event) no longer exists: the link is of no use any more.
      if (refusal.code === 'NOT_FOUND') return { problem: 'gone' };
      return { ok: false, code: refusal.code, message: refusal.message, details: refusal.details };
    }
  }

  /** The event as this person may see it: the venue only once they may know it (DESIGN §5). */
  async calendar(token: string): Promise<Feed | RsvpLinkProblem> {
    const link = this.verify(token);
    if ('problem' in link) return link;
    try {
      return await this.feeds.eventIcs(link.eventId, link.userId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return { problem: 'gone' };
      throw error;
    }
  }

  private verify(token: string): { userId: string; eventId: string } | RsvpLinkProblem {
    const check = verifyRsvpLink(token, this.env.signingSecret, this.clock.now());
    if (check.ok) return { userId: check.userId, eventId: check.eventId };
    return { problem: check.reason === 'expired' ? 'gone' : 'invalid' };
  }
}

function usableZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
