import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BatchOutcome,
  isRetryableTransactionFailure,
  KeyedBatches,
  MetricsService,
  preparedStatement,
} from '@app/core';
import { RsvpEntity } from './rsvp.entity';
import { RsvpWrite, rsvpFromJson, rsvpFromRow, writeError, writeParams } from './rsvp-rows';
import { TakenRange } from './rsvp.repository';
import {
  GUARDED_WRITE_RSVP,
  GUARDED_WRITE_RSVP_AND_NOTIFY,
  WRITE_ANSWERS,
  WRITE_BATCH,
} from './rsvp.statements';

/** SQLSTATE raised by rsvp_answer_guard when what the answer was decided on has changed. */
const STATE_CHANGED = 'HR001';

/** What a guarded write answers: the RSVP written, or null when the guard found the state changed. */
type GuardedResult = { rsvp: RsvpEntity; noticeQueued: boolean } | null;

/** One row of rsvp_write_answers: the RSVP written as JSON, or what stopped that answer. */
interface WrittenAnswer {
  out_rsvp: Record<string, unknown> | null;
  out_notices: number;
  out_code: string | null;
  out_constraint: string | null;
  out_message: string | null;
}

/** Where a guarded write's notice parameters start, and their values when it has none. */
const NOTICE_AT = 12;
const NO_NOTICE: readonly null[] = Array<null>(11).fill(null);

/**
 * The guarded writes of answers decided on a read (RsvpService.respond): each a statement on its own,
 * outside any transaction, that takes the event lock and writes only if what the answer was decided
 * on still holds.
 */
@Injectable()
export class GuardedWritesRepository {
  /** Guarded writes, one statement at a time per event (write). */
  private readonly batches = new KeyedBatches<unknown[], GuardedResult>(
    (params) => this.writeOne(params),
    (answers) => this.writeMany(answers),
    WRITE_BATCH,
    (size) => this.metrics.rsvpAnswersPerWrite.observe(size),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /**
   * RsvpRepository.writeRsvp (with the notice when given) as one guarded statement on its own, committed when it
   * answers; null when the guard found the state changed (nothing written).
   *
   * Answers to one event are written one statement at a time: each takes the event's row lock in
   * PostgreSQL, so they would wait for each other there anyway. The ones arriving while a statement for
   * their event is in flight go together in the next (rsvp_write_answers, up to WRITE_BATCH, each
   * answer a subtransaction of its own): one round trip and one commit for them all,
   * and no pooled connection held by an answer waiting for a lock. Durability is unchanged — nothing is
   * answered before the statement that wrote it has committed.
   */
  async write(
    w: RsvpWrite,
    guard: { state: string; taken: TakenRange | null; deadline: Date | null },
    notice?: unknown[],
  ): Promise<GuardedResult> {
    const params = [
      ...writeParams(w),
      ...(notice ?? NO_NOTICE),
      guard.state,
      guard.taken?.key ?? null,
      guard.taken?.min ?? null,
      guard.taken?.max ?? null,
      guard.deadline,
    ];
    return this.batches.run(w.eventId.toLowerCase(), params);
  }

  /** One guarded write as its statement on its own (GUARDED_WRITE_RSVP, or _AND_NOTIFY with a notice). */
  private async writeOne(params: unknown[]): Promise<GuardedResult> {
    const notice = params[NOTICE_AT] !== null;
    const [name, sql, values] = notice
      ? ['rsvp_guarded_write_and_notify', GUARDED_WRITE_RSVP_AND_NOTIFY, params]
      : [
          'rsvp_guarded_write',
          GUARDED_WRITE_RSVP,
          [...params.slice(0, NOTICE_AT), ...params.slice(NOTICE_AT + NO_NOTICE.length)],
        ];
    try {
      const db = this.dataSource;
      const [row] = await preparedStatement<Record<string, unknown>>(db, name, sql, values);
      return { rsvp: rsvpFromRow(db.manager, row), noticeQueued: Number(row.notices_queued ?? 0) > 0 };
    } catch (error) {
      if ((error as { code?: string })?.code === STATE_CHANGED) return null;
      throw writeError(error);
    }
  }

  /**
   * Guarded writes in one call of rsvp_write_answers: each answer's result or error, in the order given.
   * The function writes them by person (user id): the order in which an invitation fan-out locks the
   * event's invitation rows, so the two cannot deadlock on them (a batch holds its answers' rows until
   * it commits). An answer PostgreSQL still picked to break a deadlock, or refused for a serialization
   * conflict, wrote nothing and is decided again under the lock, as one whose state changed.
   */
  private async writeMany(answers: unknown[][]): Promise<Array<BatchOutcome<GuardedResult>>> {
    const db = this.dataSource;
    const byPerson = answers.map((_, i) => i).sort((a, b) => compare(userOf(answers[a]), userOf(answers[b])));
    let rows: WrittenAnswer[];
    try {
      rows = await preparedStatement<WrittenAnswer>(db, 'rsvp_write_answers', WRITE_ANSWERS, [
        JSON.stringify(byPerson.map((i) => answers[i])),
      ]);
    } catch (error) {
      if (!isDataException(error)) throw error;
      return this.writeEach(answers);
    }
    const outcomes: Array<BatchOutcome<GuardedResult>> = [];
    byPerson.forEach((answer, i) => {
      const row = rows[i];
      if (row) outcomes[answer] = this.outcome(row);
    });
    return outcomes;
  }

  /**
   * The answers of a batch PostgreSQL refused as a whole for a value it cannot take as data (class 22,
   * say an escaped NUL in one of them: the statement failed, nothing of it was written), one statement
   * each, so that answer fails alone as it would have without the others.
   */
  private async writeEach(answers: unknown[][]): Promise<Array<BatchOutcome<GuardedResult>>> {
    const outcomes: Array<BatchOutcome<GuardedResult>> = [];
    for (const params of answers) {
      outcomes.push(
        await this.writeOne(params).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
      );
    }
    return outcomes;
  }

  /** One row of rsvp_write_answers as the answer's outcome. */
  private outcome(row: WrittenAnswer): BatchOutcome<GuardedResult> {
    if (row.out_code === null && row.out_rsvp) {
      const rsvp = rsvpFromJson(this.dataSource.manager, row.out_rsvp);
      return { result: { rsvp, noticeQueued: row.out_notices > 0 } };
    }
    const failure = Object.assign(new Error(row.out_message ?? 'the RSVP could not be written'), {
      code: row.out_code ?? undefined,
      constraint: row.out_constraint || undefined,
    });
    if (row.out_code === STATE_CHANGED || isRetryableTransactionFailure(failure)) return { result: null };
    return { error: writeError(failure) };
  }
}

/** The user id of a write's parameters (RsvpWrite's second), lower-cased as PostgreSQL prints uuids. */
function userOf(params: unknown[]): string {
  return String(params[1]).toLowerCase();
}

/** Byte order, as PostgreSQL orders uuids. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An error PostgreSQL raised for a value it cannot take as data (SQLSTATE class 22). */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('22');
}
