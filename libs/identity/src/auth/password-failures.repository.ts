import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashToken, queryRows } from '@app/core';
import {
  ACCOUNT_WINDOW_MS,
  CLIENT_WINDOW_MS,
  FAILURE_MEMORY_MS,
  FailureStats,
  decidePasswordThrottle,
} from './password-throttle';

/** How many expired rows each recorded failure clears, so the table prunes itself as it grows. */
const PRUNE_BATCH = 100;

export interface PasswordAttempt {
  /** The address as typed, lower-cased: accounts that do not exist are throttled alike. */
  account: string;
  client: string;
  knownDevice: boolean;
}

/**
 * The password_failures table (identity owns it). An attempt is checked and, if allowed, recorded
 * as a failure before the password is verified, under a per-(account, address) advisory lock:
 * parallel guesses from one address then see each other and cannot slip past the backoff. A
 * correct password removes the pair's failures again.
 */
@Injectable()
export class PasswordFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The refusal, or null after recording the attempt as a (provisional) failure. */
  async begin(attempt: PasswordAttempt): Promise<{ retryAfterSeconds: number } | null> {
    const { account, client } = failureKeys(attempt.account, attempt.client);
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${account}:${client}`]);
      const [row] = await queryRows<{
        pair: number;
        pair_since: string | null;
        client_n: number;
        client_oldest: string | null;
        account_n: number;
        account_oldest: string | null;
      }>(
        tx,
        `SELECT count(*) FILTER (WHERE account_hash = $1 AND client_hash = $2)::int AS pair,
                ${ageMs(`max(failed_at) FILTER (WHERE account_hash = $1 AND client_hash = $2)`)} AS pair_since,
                count(*) FILTER (WHERE client_hash = $2 AND failed_at > ${ago('$4')})::int AS client_n,
                ${ageMs(`min(failed_at) FILTER (WHERE client_hash = $2 AND failed_at > ${ago('$4')})`)} AS client_oldest,
                count(*) FILTER (WHERE account_hash = $1 AND failed_at > ${ago('$5')})::int AS account_n,
                ${ageMs(`min(failed_at) FILTER (WHERE account_hash = $1 AND failed_at > ${ago('$5')})`)} AS account_oldest
           FROM password_failures
          WHERE (account_hash = $1 OR client_hash = $2) AND failed_at > ${ago('$3')}`,
        [account, client, FAILURE_MEMORY_MS, CLIENT_WINDOW_MS, ACCOUNT_WINDOW_MS],
      );
      const num = (v: string | null | undefined): number | null => (v == null ? null : Number(v));
      const stats: FailureStats = {
        pairFailures: row?.pair ?? 0,
        sinceLastPairFailureMs: num(row?.pair_since),
        clientFailures: row?.client_n ?? 0,
        oldestClientFailureMs: num(row?.client_oldest),
        accountFailures: row?.account_n ?? 0,
        oldestAccountFailureMs: num(row?.account_oldest),
      };
      const refusal = decidePasswordThrottle(stats, attempt.knownDevice);
      if (refusal) return refusal;
      await tx.query(`INSERT INTO password_failures (account_hash, client_hash) VALUES ($1, $2)`, [
        account,
        client,
      ]);
      await tx.query(
        `DELETE FROM password_failures WHERE id IN (
           SELECT id FROM password_failures WHERE failed_at <= ${ago('$1')} LIMIT ${PRUNE_BATCH})`,
        [FAILURE_MEMORY_MS],
      );
      return null;
    });
  }

  /** The password was right: this address's failures for the account are forgiven. */
  async succeeded(attempt: PasswordAttempt): Promise<void> {
    const { account, client } = failureKeys(attempt.account, attempt.client);
    await this.dataSource.query(
      `DELETE FROM password_failures WHERE account_hash = $1 AND client_hash = $2`,
      [account, client],
    );
  }
}

/** Both stored hashed: the table says which accounts are attacked from where, to no one who reads it. */
export function failureKeys(account: string, client: string): { account: string; client: string } {
  return { account: hashToken(`account:${account.toLowerCase()}`), client: hashToken(`client:${client}`) };
}

const ago = (param: string): string => `now() - make_interval(secs => ${param}::double precision / 1000)`;
const ageMs = (expr: string): string => `(extract(epoch FROM now() - ${expr}) * 1000)::bigint::text`;
