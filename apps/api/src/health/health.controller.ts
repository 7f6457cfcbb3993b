import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrorResponses, ApiObjectResponse } from '../http/api-responses';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable } from '@app/core';
import { Public } from '../http/auth.guard';

/** A probe that hangs is as bad as one that fails: a load balancer needs an answer. */
const PROBE_TIMEOUT_MS = 2000;

export type CheckResult = { ok: true; latencyMs: number } | { ok: false; error: string };

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { database: CheckResult };
}

@ApiTags('health')
@ApiErrorResponses(503)
@Public()
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The process is up. */
  @Get('health')
  @ApiObjectResponse({ status: 'string' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * The process can serve: the database answers. 503 otherwise, saying which check failed and why
   * in a fixed phrase (never the driver's message, which can name hosts and users).
   */
  @Get('ready')
  @ApiObjectResponse({ status: 'string' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const database = await this.checkDatabase();
    void reply.header('Cache-Control', 'no-store');
    if (database.ok) return { status: 'ready', checks: { database } };
    void reply.status(503).header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return { status: 'unavailable', checks: { database } };
  }

  private async checkDatabase(): Promise<CheckResult> {
    const started = Date.now();
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new ProbeTimeout()), PROBE_TIMEOUT_MS);
        }),
      ]);
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      if (error instanceof ProbeTimeout)
        return { ok: false, error: `no answer within ${PROBE_TIMEOUT_MS} ms` };
      return { ok: false, error: databaseUnavailable(error)?.reason ?? 'query failed' };
    } finally {
      clearTimeout(timeout);
    }
  }
}

class ProbeTimeout extends Error {}
