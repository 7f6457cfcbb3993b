import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, Env, MetricsService } from '@app/core';
import { Public } from '../http/auth.guard';

/** Compares digests, so neither the token's content nor its length shows in the comparison's time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = createHash('sha256').update(match[1]).digest();
  return timingSafeEqual(given, createHash('sha256').update(token).digest());
}

/**
 * GET /metrics for Prometheus, behind METRICS_TOKEN (AppModule mounts it only when the token is set,
 * so without one the path is as unknown as any other). Not a session route: a scraper has a token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get('metrics')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = this.env.METRICS_TOKEN;
    if (!token || !bearerMatches(authorization, token)) {
      throw new DomainError('UNAUTHENTICATED', 'A valid metrics token is required');
    }
    const { contentType, body } = await this.metrics.exposition();
    void reply.header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body);
  }
}
