import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { extractReplyToken, invitationIdFromToken } from '@app/calendar';
import {
  DomainError,
  Env,
  MetricsService,
  isRetryableTransactionFailure,
  isUniqueViolation,
} from '@app/core';
import { RsvpService } from '@app/rsvp';
import { Decision, decideReply, InvitationFacts, OccurrenceFacts, TokenLookup } from './decide-reply';
import { InboundNotices, STALE_TOLD } from './inbound-notices';
import { clean, columnSize, duplicateOf, inboundRow, resultOf, tooLargeDetail } from './inbound-row';
import { InboundRepository, KnownMessage, NewInboundMessage } from './inbound.repository';
import {
  InboundMeta,
  InboundParseResult,
  InboundReason,
  InboundResult,
  ParseInboundOptions,
  PipelineReason,
} from './inbound.types';
import { parseInboundEmail } from './parse/parse-inbound';

/** RSVP service refusals of a verified answer, as inbound reasons. */
const REASON_FOR_RSVP_ERROR: Record<string, PipelineReason> = {
  EVENT_NOT_OPEN: 'event_not_open',
  RSVP_NOT_OPEN: 'rsvp_not_open',
  RSVP_CLOSED: 'rsvp_closed',
  EVENT_FULL: 'event_full',
  MEMBERSHIP_REQUIRED: 'not_permitted',
  NOT_FOUND: 'not_permitted',
  FORBIDDEN: 'not_permitted',
  COC_ACK_REQUIRED: 'coc_required',
  MODE_REQUIRED: 'mode_required',
  ANSWERS_REQUIRED: 'answers_required',
};

const ATTEMPTS = 3;

/**
 * The one inbound pipeline behind every channel (SMTP listener, webhook, IMAP): parse, locate the
 * invitation by its reply token, check (decideReply), store once, and apply a verified answer through
 * the same RSVP service as the web with source `calendar`, all in one transaction. A refusal is a row
 * with a reason, never an exception; it throws only when the message cannot be stored at all (the
 * channel then answers with a temporary failure so the sender retries).
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);
  private readonly parseOptions: ParseInboundOptions;

  constructor(
    @Inject(InboundRepository) private readonly inboundRepository: InboundRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Env) private readonly env: Env,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(InboundNotices) private readonly notices: InboundNotices,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.parseOptions = {
      inboundDomain: env.INBOUND_DOMAIN,
      ownAddresses: [addressOf(env.mailFrom)].filter((a): a is string => a !== null),
      maxBytes: env.INBOUND_MAX_BYTES,
    };
  }

  get maxBytes(): number {
    return this.env.INBOUND_MAX_BYTES;
  }

  async receive(raw: Buffer, meta: InboundMeta): Promise<InboundResult> {
    return this.counted(meta, await this.process(raw, meta));
  }

  private async process(raw: Buffer, meta: InboundMeta): Promise<InboundResult> {
    const size = Math.max(meta.size ?? raw.length, raw.length);
    const parsed = this.withSize(await parseInboundEmail(raw, this.parseOptions), size, meta);
    const { lookup, known } = await this.lookup(parsed, meta);
    if (known) return duplicateOf(parsed.messageId, known);
    const decision = decideReply(parsed, lookup);
    const row = inboundRow(raw, size, parsed, meta, decision, lookup);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store(row, decision);
      } catch (error) {
        if (isUniqueViolation(error, MESSAGE_ID_CONSTRAINT)) return this.duplicate(row.messageId);
        // PostgreSQL deadlock and serialization failures: the whole attempt is retried.
        if (attempt < ATTEMPTS && isRetryableTransactionFailure(error)) continue;
        this.logger.error(`inbound pipeline failed for a ${meta.channel} message: ${describe(error)}`);
        return this.storeFailure(row);
      }
    }
  }

  /**
   * A message refused before any of it arrived (SMTP SIZE over the limit at MAIL FROM), logged from
   * the envelope alone. It has no Message-ID, so each refusal gets a fresh synthesized one and a row
   * of its own.
   */
  async refuseUnsent(meta: InboundMeta & { size: number }): Promise<InboundResult> {
    const row: NewInboundMessage = {
      messageId: `unsent-${randomUUID()}@synthesized.invalid`,
      channel: meta.channel,
      envelopeFrom: clean(meta.envelopeFrom ?? null, 320),
      envelopeTo: meta.envelopeTo.map((a) => clean(a, 320) ?? '').slice(0, 100),
      fromAddress: null,
      raw: null,
      size: columnSize(meta.size),
      outcome: 'rejected',
      reason: 'too_large',
      eventId: null,
      invitationId: null,
      userId: null,
      partstat: null,
      comment: null,
      details: {
        detail: tooLargeDetail(meta.size, meta.sizeBasis, this.maxBytes),
        tokenSource: null,
        flags: { messageIdSynthesized: true },
      },
    };
    const id = await this.inboundRepository.insert(this.dataSource, row);
    return this.counted(meta, id === null ? await this.duplicate(row.messageId) : resultOf(id, row));
  }

  /** Counts each message's outcome once, when the pipeline has settled it. */
  private counted(meta: InboundMeta, result: InboundResult): InboundResult {
    this.logger.log({
      msg: 'inbound message settled',
      inboundId: result.id,
      channel: meta.channel,
      outcome: result.duplicate ? 'duplicate' : result.outcome,
      reason: result.reason,
    });
    this.metrics.inboundMessages.inc({
      channel: meta.channel,
      outcome: result.duplicate ? 'duplicate' : result.outcome,
      reason: result.reason ?? 'none',
    });
    return result;
  }

  /**
   * The parser only sees the bytes it was given (at most INBOUND_MAX_BYTES + 1 of an oversized
   * message); the refusal states the size the channel measured or was told.
   */
  private withSize(parsed: InboundParseResult, size: number, meta: InboundMeta): InboundParseResult {
    if (parsed.ok || parsed.reason !== 'too_large') return parsed;
    return { ...parsed, detail: tooLargeDetail(size, meta.sizeBasis, this.maxBytes) };
  }

  /** Envelope recipients first, then To/Cc, then the calendar's ORGANIZER (DESIGN §4). */
  private async lookup(
    parsed: InboundParseResult,
    meta: InboundMeta,
  ): Promise<{ lookup: TokenLookup; known: KnownMessage | null }> {
    const domain = this.env.INBOUND_DOMAIN;
    const distinct = (tokens: Array<string | null>) => [
      ...new Set(tokens.filter((t): t is string => t !== null).map((t) => t.toLowerCase())),
    ];
    const envelope = distinct(meta.envelopeTo.map((a) => extractReplyToken(a, domain)));
    const headers = distinct(parsed.tokens.recipients);
    const organizer = parsed.tokens.organizer ? parsed.tokens.organizer.toLowerCase() : null;
    const [source, tokens]: [TokenLookup['source'], string[]] =
      envelope.length > 0
        ? ['envelope', envelope]
        : headers.length > 0
          ? ['headers', headers]
          : organizer
            ? ['organizer', [organizer]]
            : [null, []];
    const secret = this.env.signingSecret;
    const ids = [...new Set(tokens.map((t) => invitationIdFromToken(t, secret)).filter((id) => id !== null))];
    const { invitations, known } = await this.inboundRepository.lookup(
      this.dataSource,
      ids,
      parsed.messageId,
    );
    return {
      lookup: {
        source,
        tokens,
        invitations,
        organizerInvitationId: organizer === null ? undefined : invitationIdFromToken(organizer, secret),
        occurrence: known ? null : await this.occurrence(parsed, invitations),
      },
      known,
    };
  }

  /** The other occurrence of the series a RECURRENCE-ID names, when it can name one. */
  private async occurrence(
    parsed: InboundParseResult,
    invitations: InvitationFacts[],
  ): Promise<OccurrenceFacts | null> {
    const rid = parsed.ok ? parsed.intent.recurrenceId : undefined;
    const [inv] = invitations;
    if (!rid || rid.allDay || rid.iso === null || invitations.length !== 1 || !inv.seriesId) return null;
    const at = new Date(rid.iso);
    if (
      Number.isNaN(at.getTime()) ||
      Math.floor(at.getTime() / 1000) === Math.floor(inv.startsAt.getTime() / 1000)
    )
      return null;
    return this.inboundRepository.occurrence(this.dataSource, inv.seriesId, inv.eventId, inv.userId, at);
  }

  /**
   * A refusal is one INSERT. A verified answer is applied and logged in one transaction, the row last:
   * if another copy of the message was logged meanwhile, its unique Message-ID fails the INSERT and the
   * whole transaction, answer included, rolls back. When the RSVP service refuses the answer (a
   * DomainError, possibly after a failed statement such as the capacity trigger), that transaction is
   * gone and a second one logs why, with the mail that tells the member how to finish where needed.
   */
  private async store(row: NewInboundMessage, decision: Decision): Promise<InboundResult> {
    if (decision.outcome === 'proposal') {
      // Logged and the organizers told in one transaction: a second copy of the message tells nobody.
      return this.dataSource.transaction(async (tx) => {
        const id = await this.inboundRepository.insert(tx, row);
        if (id === null) return this.duplicate(row.messageId, tx);
        await this.notices.mailProposal(tx, decision.invitation, decision.intent);
        return resultOf(id, row);
      });
    }
    if (decision.outcome === 'ignored' && decision.reason === 'stale_sequence' && decision.invitation) {
      const inv = decision.invitation;
      // Logged and the member told in one transaction; a redelivery of the message tells nobody.
      return this.dataSource.transaction(async (tx) => {
        const id = await this.inboundRepository.insert(tx, row);
        if (id === null) return this.duplicate(row.messageId, tx);
        const told = await this.notices.mailStaleReply(tx, inv, row.partstat);
        await this.inboundRepository.addDetails(tx, id, { detail: told, staleNotice: told === STALE_TOLD });
        return resultOf(id, row);
      });
    }
    if (decision.outcome !== 'apply') {
      const id = await this.inboundRepository.insert(this.dataSource, row);
      return id === null ? this.duplicate(row.messageId) : resultOf(id, row);
    }
    try {
      return await this.dataSource.transaction((tx) => this.apply(tx, row, decision));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const code: string = (error as DomainError).code;
      const reason: InboundReason = REASON_FOR_RSVP_ERROR[code] ?? 'rsvp_refused';
      const refused: NewInboundMessage = {
        ...row,
        outcome: 'ignored',
        reason,
        details: { ...row.details, code },
      };
      return this.dataSource.transaction(async (tx) => {
        const id = await this.inboundRepository.insert(tx, refused);
        if (id === null) return this.duplicate(row.messageId, tx);
        if (reason === 'coc_required' || reason === 'mode_required' || reason === 'answers_required')
          await this.notices.mailFinishStep(tx, decision.invitation, decision.answer, reason);
        return resultOf(id, refused);
      });
    }
  }

  /** Runs the answer through RsvpService.respondInTx, then logs it (the INSERT decides duplicates). */
  private async apply(
    tx: EntityManager,
    row: NewInboundMessage,
    decision: Extract<Decision, { outcome: 'apply' }>,
  ): Promise<InboundResult> {
    const { invitation: inv, intent, answer } = decision;
    const notes = [
      intent.partstat === 'DELEGATED' && intent.delegatedTo
        ? `Delegated to ${intent.delegatedTo.join(', ')} in a calendar reply`
        : null,
      intent.comment ? `Comment: ${intent.comment}` : null,
    ].filter((n): n is string => n !== null);
    const outcome = await this.rsvps.respondInTx(tx, {
      eventId: inv.eventId,
      userId: inv.userId,
      answer,
      mode: modeFor(inv, answer),
      source: 'calendar',
      ...(notes.length > 0 ? { note: notes.join('\n').slice(0, 1000) } : {}),
    });
    const applied: NewInboundMessage = {
      ...row,
      details: {
        ...row.details,
        rsvp: { status: outcome.rsvp.status, previous: outcome.previous, changed: outcome.changed },
      },
    };
    const id = await this.inboundRepository.insert(tx, applied, true);
    return { ...resultOf(id ?? '', applied), rsvpStatus: outcome.rsvp.status };
  }

  private async duplicate(
    messageId: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<InboundResult> {
    const first = await this.inboundRepository.byMessageId(db, messageId);
    return first
      ? duplicateOf(messageId, first)
      : { id: null, messageId, duplicate: true, outcome: 'rejected', reason: 'internal_error' };
  }

  /** Last resort: the message is logged as an internal error, or, if even that fails, the caller retries. */
  private async storeFailure(row: NewInboundMessage): Promise<InboundResult> {
    const failed: NewInboundMessage = {
      ...row,
      outcome: 'rejected',
      reason: 'internal_error',
      eventId: null,
      invitationId: null,
      userId: null,
      comment: null,
    };
    const id = await this.inboundRepository.insert(this.dataSource, failed);
    return id === null ? this.duplicate(row.messageId) : resultOf(id, failed);
  }
}

const MESSAGE_ID_CONSTRAINT = 'UQ_inbound_messages_message_id';

/** Hybrid events need a mode; a calendar answer keeps the one the person chose before, if any. */
function modeFor(inv: InvitationFacts, answer: string): 'in_person' | 'online' | undefined {
  if (inv.eventKind !== 'hybrid') return undefined;
  return inv.currentMode ?? (answer === 'declined' ? 'in_person' : undefined);
}

function addressOf(mailbox: string): string | null {
  const inBrackets = /<([^<>\s]+@[^<>\s]+)>/.exec(mailbox);
  const address = (inBrackets ? inBrackets[1] : mailbox).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown error';
}
