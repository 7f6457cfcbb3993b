import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { PostsService, ReportsService, TopicsService } from '@app/community';
import { Principal } from '@app/identity';
import { CurrentUser, OptionalUser, Public } from '../http/auth.guard';
import {
  CreatePostDto,
  CreateReportDto,
  CreateTopicDto,
  FiledReportResponse,
  PageQueryDto,
  PostPageResponse,
  PostResponse,
  ReportPageResponse,
  ReportResponse,
  ReportsQueryDto,
  TopicPageResponse,
  TopicResponse,
  UpdatePostDto,
  UpdateReportDto,
  UpdateTopicDto,
} from './topics.dto';
import {
  toFiledReportResponse,
  toPageResponse,
  toPostResponse,
  toReportResponse,
  toTopicResponse,
  toTopicSummaryResponse,
} from './topics.mapper';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';

const uuid = () => new ParseUUIDPipe();

/** A group's discussions and its moderation queue. */
@ApiTags('topics')
@ApiErrorResponses(400, 401, 403, 404, 409)
@Controller('api/groups')
export class GroupTopicsController {
  constructor(
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(ReportsService) private readonly reports: ReportsService,
  ) {}

  @Post(':slug/topics')
  @ApiCreatedResponse({ type: TopicResponse })
  async create(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
    @Body() dto: CreateTopicDto,
  ): Promise<TopicResponse> {
    return toTopicResponse(await this.topics.create(slug, principal.userId, dto));
  }

  /** Most recently active first. */
  @Public()
  @Get(':slug/topics')
  @ApiOkResponse({ type: TopicPageResponse })
  async list(
    @OptionalUser() principal: Principal | null,
    @Param('slug') slug: string,
    @Query() query: PageQueryDto,
  ): Promise<TopicPageResponse> {
    return toPageResponse(
      await this.topics.list(slug, principal?.userId ?? null, query),
      toTopicSummaryResponse,
    );
  }

  /** Moderators: reports in one status (open by default), oldest first. */
  @Get(':slug/reports')
  @ApiOkResponse({ type: ReportPageResponse })
  async reportQueue(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
    @Query() query: ReportsQueryDto,
  ): Promise<ReportPageResponse> {
    return toPageResponse(await this.reports.list(slug, principal.userId, query), toReportResponse);
  }
}

@ApiTags('topics')
@ApiErrorResponses(400, 401, 403, 404, 409)
@Controller('api/topics')
export class TopicsController {
  constructor(
    @Inject(TopicsService) private readonly topics: TopicsService,
    @Inject(PostsService) private readonly posts: PostsService,
  ) {}

  @Public()
  @Get(':id')
  @ApiOkResponse({ type: TopicResponse })
  async get(
    @OptionalUser() principal: Principal | null,
    @Param('id', uuid()) id: string,
  ): Promise<TopicResponse> {
    return toTopicResponse(await this.topics.get(id, principal?.userId ?? null));
  }

  /** Title and body by the author or moderators; status (open, locked, hidden) by moderators. */
  @Patch(':id')
  @ApiOkResponse({ type: TopicResponse })
  async update(
    @CurrentUser() principal: Principal,
    @Param('id', uuid()) id: string,
    @Body() dto: UpdateTopicDto,
  ): Promise<TopicResponse> {
    return toTopicResponse(await this.topics.update(id, principal.userId, dto));
  }

  @Post(':id/posts')
  @ApiCreatedResponse({ type: PostResponse })
  async createPost(
    @CurrentUser() principal: Principal,
    @Param('id', uuid()) id: string,
    @Body() dto: CreatePostDto,
  ): Promise<PostResponse> {
    return toPostResponse(await this.posts.create(id, principal.userId, dto.body));
  }

  /** Oldest first. */
  @Public()
  @Get(':id/posts')
  @ApiOkResponse({ type: PostPageResponse })
  async listPosts(
    @OptionalUser() principal: Principal | null,
    @Param('id', uuid()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<PostPageResponse> {
    return toPageResponse(await this.posts.list(id, principal?.userId ?? null, query), toPostResponse);
  }

  @Post(':id/follow')
  @HttpCode(204)
  follow(@CurrentUser() principal: Principal, @Param('id', uuid()) id: string): Promise<void> {
    return this.topics.follow(id, principal.userId);
  }

  @Delete(':id/follow')
  @HttpCode(204)
  unfollow(@CurrentUser() principal: Principal, @Param('id', uuid()) id: string): Promise<void> {
    return this.topics.unfollow(id, principal.userId);
  }
}

@ApiTags('topics')
@ApiErrorResponses(400, 401, 403, 404, 409)
@Controller('api/posts')
export class PostsController {
  constructor(
    @Inject(PostsService) private readonly posts: PostsService,
    @Inject(ReportsService) private readonly reports: ReportsService,
  ) {}

  /** `body` by the author; `hidden` by moderators. */
  @Patch(':id')
  @ApiOkResponse({ type: PostResponse })
  async update(
    @CurrentUser() principal: Principal,
    @Param('id', uuid()) id: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostResponse> {
    return toPostResponse(await this.posts.update(id, principal.userId, dto));
  }

  @Post(':id/reports')
  @ApiCreatedResponse({ type: FiledReportResponse })
  async report(
    @CurrentUser() principal: Principal,
    @Param('id', uuid()) id: string,
    @Body() dto: CreateReportDto,
  ): Promise<FiledReportResponse> {
    return toFiledReportResponse(await this.reports.create(id, principal.userId, dto.reason));
  }
}

@ApiTags('topics')
@ApiErrorResponses(400, 401, 403, 404, 409)
@Controller('api/reports')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  /** Moderators close an open report as resolved or dismissed. */
  @Patch(':id')
  @ApiOkResponse({ type: ReportResponse })
  async resolve(
    @CurrentUser() principal: Principal,
    @Param('id', uuid()) id: string,
    @Body() dto: UpdateReportDto,
  ): Promise<ReportResponse> {
    return toReportResponse(await this.reports.resolve(id, principal.userId, dto.status));
  }
}
