import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  FANOUT_KINDS,
  FANOUT_STATUSES,
  FanoutKind,
  FanoutProgress,
  FanoutService,
  FanoutStatus,
} from '@app/events';
import { Principal } from '@app/identity';
import { ApiErrorResponses } from '../http/api-responses';
import { CurrentUser, requireInstanceOwner } from '../http/auth.guard';

class RecentJobsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const uuid = new ParseUUIDPipe();

/** A fan-out job: the mail one change sends to many people, rendered and queued in the background. */
export class FanoutJobResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: FANOUT_KINDS }) kind!: FanoutKind;
  @ApiProperty({ enum: FANOUT_STATUSES }) status!: FanoutStatus;
  @ApiProperty({ description: 'People the job addresses (estimated at scheduling, exact once expanded)' })
  total!: number;
  @ApiProperty({ description: 'Messages rendered and queued so far' }) rendered!: number;
  @ApiProperty({ description: 'People passed over (already invited, opted out, declined, already current)' })
  skipped!: number;
  @ApiProperty({ description: 'Of the rendered messages, those still waiting in the outbox' })
  queued!: number;
  @ApiProperty({ description: 'Accepted by the mail server' }) sent!: number;
  @ApiProperty({ description: 'Failed for good' }) failed!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: Date | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Seconds until everything is rendered and sent, from the rate so far (null: no rate yet)',
  })
  estimatedSecondsRemaining!: number | null;
}

/** Progress of fan-out jobs, for organizers of the job's event and the instance owner. */
@ApiTags('events')
@ApiErrorResponses(400, 401, 404)
@Controller('api')
export class JobsController {
  constructor(@Inject(FanoutService) private readonly fanout: FanoutService) {}

  @Get('jobs')
  @ApiErrorResponses(403)
  @ApiOkResponse({
    type: [FanoutJobResponse],
    description: "The instance's recent jobs, newest first (owner only)",
  })
  recent(@CurrentUser() p: Principal, @Query() q: RecentJobsQuery): Promise<FanoutProgress[]> {
    requireInstanceOwner(p);
    return this.fanout.recent(q.limit ?? 20);
  }

  @Get('jobs/:id')
  @ApiOkResponse({ type: FanoutJobResponse })
  job(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<FanoutProgress> {
    return this.fanout.progress(id, p.userId, p.instanceRole === 'owner');
  }

  @Get('events/:id/jobs')
  @ApiOkResponse({ type: [FanoutJobResponse], description: "The event's recent jobs, newest first" })
  eventJobs(@CurrentUser() p: Principal, @Param('id', uuid) id: string): Promise<FanoutProgress[]> {
    return this.fanout.forEvent(id, p.userId, p.instanceRole === 'owner');
  }
}
