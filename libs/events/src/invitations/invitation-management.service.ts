import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, RateLimiterService, clampLimit, decodeCursor, notFound, toPage } from '@app/core';
import { EventContext, EventContextService } from '../events/event-context.service';
import {
  InvitationListRow,
  InvitationManagementRepository,
  InvitationState,
} from './invitation-management.repository';
import { InvitationsService } from './invitations.service';

export interface InvitationView {
  userId: string;
  displayName: string;
  state: InvitationState;
  rsvpStatus: string | null;
  invitedBy: { userId: string; displayName: string } | null;
  invitedAt: Date;
  lastSentAt: Date | null;
  revokedAt: Date | null;
}

export interface InvitationList {
  items: InvitationView[];
  nextCursor: string | null;
  counts: Record<InvitationState, number>;
}

/** Resending one person's invitation: at most this many times a day per person and event. */
export const RESEND_ONE_LIMIT = { limit: 3, windowMs: 24 * 3600_000 };
/** Resending to everyone unanswered: at most this many times a day per event. */
export const RESEND_ALL_LIMIT = { limit: 3, windowMs: 24 * 3600_000 };

/**
 * What organizers do with an event's invitations (issue 12.3): list them with each person's state
 * and the counts per state, and send them again. Revoking lives in rsvp (it withdraws the person's
 * RSVP and moves the waitlist), through revokeInTx here.
 *
 * Re-inviting a revoked person is explicit: resending that one person's invitation reinstates it
 * (revoked_at cleared) and sends a fresh copy. Audiences never do (insertMissing leaves the revoked
 * row alone), and "resend to all unanswered" skips revoked invitations.
 */
@Injectable()
export class InvitationManagementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(InvitationManagementRepository) private readonly repository: InvitationManagementRepository,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
  ) {}

  async list(
    eventId: string,
    actorId: string,
    query: { state?: InvitationState; cursor?: string; limit?: number },
  ): Promise<InvitationList> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const limit = clampLimit(query.limit);
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await this.contexts.require(eventId, actorId, 'organizer', tx);
      const rows = await this.repository.page(tx, eventId, query.state ?? null, after, limit);
      const page = toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.invitation_id }), toView);
      return { ...page, counts: await this.repository.counts(tx, eventId) };
    });
  }

  /** Sends one person's invitation again; a revoked invitation is reinstated (the explicit re-invite). */
  async resendOne(eventId: string, actorId: string, userId: string): Promise<{ resent: number }> {
    await this.contexts.require(eventId, actorId, 'organizer');
    await this.rateLimiter.consume({ key: `invitation-resend:${eventId}:${userId}`, ...RESEND_ONE_LIMIT });
    return this.dataSource.transaction(async (tx) => {
      const { event } = await this.lockScheduled(tx, eventId, actorId);
      const invitation = await this.repository.find(tx, eventId, userId);
      if (!invitation) throw notFound('Invitation');
      if (invitation.revoked) await this.repository.setRevoked(tx, invitation.id, null);
      return { resent: await this.invitations.resend(tx, event, [userId]) };
    });
  }

  /** Sends the invitation again to everyone invited who has not answered. */
  async resendUnanswered(eventId: string, actorId: string): Promise<{ resent: number }> {
    await this.contexts.require(eventId, actorId, 'organizer');
    await this.rateLimiter.consume({ key: `invitation-resend-all:${eventId}`, ...RESEND_ALL_LIMIT });
    return this.dataSource.transaction(async (tx) => {
      const { event } = await this.lockScheduled(tx, eventId, actorId);
      return { resent: await this.invitations.resend(tx, event, 'unanswered') };
    });
  }

  /**
   * Marks one person's invitation revoked, inside the caller's transaction (which holds the event
   * lock and has already withdrawn their RSVP and queued the CANCEL for a copy they were sent).
   * Null when they hold no invitation; `changed` false when it was already revoked.
   */
  async revokeInTx(
    tx: EntityManager,
    eventId: string,
    userId: string,
    at: Date,
  ): Promise<{ changed: boolean } | null> {
    const invitation = await this.repository.find(tx, eventId, userId);
    if (!invitation) return null;
    if (invitation.revoked) return { changed: false };
    await this.repository.setRevoked(tx, invitation.id, at);
    return { changed: true };
  }

  /** Whether a copy of the invitation went out to this person, and whether it is revoked (caller holds the lock). */
  invitationOf(
    tx: EntityManager,
    eventId: string,
    userId: string,
  ): Promise<{ id: string; sent: boolean; revoked: boolean } | null> {
    return this.repository.find(tx, eventId, userId);
  }

  private async lockScheduled(tx: EntityManager, eventId: string, actorId: string): Promise<EventContext> {
    const context = await this.contexts.require(eventId, actorId, 'organizer', tx, true);
    if (context.event.status !== 'scheduled')
      throw new DomainError('CONFLICT', 'Invitations are sent only for a scheduled event');
    return context;
  }
}

function toView(r: InvitationListRow): InvitationView {
  return {
    userId: r.user_id,
    displayName: r.display_name,
    state: r.state,
    rsvpStatus: r.rsvp_status,
    invitedBy: r.invited_by ? { userId: r.invited_by, displayName: r.invited_by_name ?? '' } : null,
    invitedAt: new Date(r.created_at),
    lastSentAt: r.last_sent_at ? new Date(r.last_sent_at) : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  };
}
