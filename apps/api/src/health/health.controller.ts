import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiObjectResponse } from '../http/api-responses';
import { DataSource } from 'typeorm';
import { Public } from '../http/auth.guard';

@ApiTags('health')
@ApiErrorResponses(503)
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The process is up. */
  @Get('health')
  @ApiObjectResponse({ status: 'string' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: the database answers. */
  @Get('ready')
  @ApiObjectResponse({ status: 'string' })
  async ready(): Promise<{ status: 'ready' }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      throw new ServiceUnavailableException('Database unavailable');
    }
  }
}
