import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { REPORT_STATUSES, ReportStatus, TOPIC_STATUSES, TopicStatus } from '@app/community';
import { MAX_PAGE_SIZE } from '@app/core';

/**
 * Optional, but not nullable: `@IsOptional()` would let `null` through to the service, where it
 * would reach a NOT NULL column as a 500 instead of a 400.
 */
const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/**
 * Text someone typed. PostgreSQL `text` refuses NUL characters, so they are a 400 here rather than
 * a database error; blank text (only whitespace) is refused unless `blank` is allowed.
 */
function IsUserText(min: number, max: number, options: { blank?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(min, max),
    ValidateBy({
      name: 'hasNoNul',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !value.includes('\u0000'),
        defaultMessage: () => '$property must not contain NUL characters',
      },
    }),
    ...(options.blank
      ? []
      : [
          ValidateBy({
            name: 'isNotBlank',
            validator: {
              validate: (value: unknown) => typeof value === 'string' && /\S/.test(value),
              defaultMessage: () => '$property must not be blank',
            },
          }),
        ]),
  );
}

const trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CreateTopicDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @trim() @IsUserText(1, 200) title!: string;
  @ApiPropertyOptional({ maxLength: 20_000 })
  @Optional()
  @IsUserText(0, 20_000, { blank: true })
  body?: string;
}

export class UpdateTopicDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @Optional()
  @trim()
  @IsUserText(1, 200)
  title?: string;
  @ApiPropertyOptional({ maxLength: 20_000 })
  @Optional()
  @IsUserText(0, 20_000, { blank: true })
  body?: string;
  @ApiPropertyOptional({ enum: TOPIC_STATUSES, description: 'Moderators only' })
  @Optional()
  @IsIn(TOPIC_STATUSES)
  status?: TopicStatus;
}

export class CreatePostDto {
  @ApiProperty({ minLength: 1, maxLength: 20_000 }) @IsUserText(1, 20_000) body!: string;
}

export class UpdatePostDto {
  @ApiPropertyOptional({ description: 'The author only' }) @Optional() @IsUserText(1, 20_000) body?: string;
  @ApiPropertyOptional({ description: 'Moderators only' }) @Optional() @IsBoolean() hidden?: boolean;
}

export class CreateReportDto {
  @ApiProperty({ minLength: 1, maxLength: 1000 }) @IsUserText(1, 1000) reason!: string;
}

export class UpdateReportDto {
  @ApiProperty({ enum: ['resolved', 'dismissed'] }) @IsIn(['resolved', 'dismissed']) status!: Exclude<
    ReportStatus,
    'open'
  >;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @Optional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}

export class ReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_STATUSES, default: 'open' })
  @Optional()
  @IsIn(REPORT_STATUSES)
  status?: ReportStatus;
}

export class AuthorResponse {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) pronouns!: string | null;
}

export class TopicPermissionsResponse {
  @ApiProperty() edit!: boolean;
  @ApiProperty() moderate!: boolean;
  @ApiProperty() post!: boolean;
}

export class TopicSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TOPIC_STATUSES }) status!: TopicStatus;
  @ApiProperty({
    type: AuthorResponse,
    nullable: true,
    description: 'Null once the author deleted their account',
  })
  author!: AuthorResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastActivityAt!: string;
  @ApiProperty({ description: 'Posts the caller can see' }) postCount!: number;
  @ApiProperty() following!: boolean;
  @ApiProperty({ type: TopicPermissionsResponse }) permissions!: TopicPermissionsResponse;
}

export class TopicResponse extends TopicSummaryResponse {
  @ApiProperty() body!: string;
}

export class TopicPageResponse {
  @ApiProperty({ type: [TopicSummaryResponse] }) items!: TopicSummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PostPermissionsResponse {
  @ApiProperty() edit!: boolean;
  @ApiProperty() moderate!: boolean;
}

export class PostResponse {
  @ApiProperty() id!: string;
  @ApiProperty() topicId!: string;
  @ApiProperty({ type: AuthorResponse }) author!: AuthorResponse;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) editedAt!: string | null;
  @ApiProperty({ description: 'Only moderators ever receive hidden posts' }) hidden!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) hiddenAt!: string | null;
  @ApiProperty({ type: PostPermissionsResponse }) permissions!: PostPermissionsResponse;
}

export class PostPageResponse {
  @ApiProperty({ type: [PostResponse] }) items!: PostResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class FiledReportResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: ReportStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ReportedPostResponse {
  @ApiProperty() id!: string;
  @ApiProperty() topicId!: string;
  @ApiProperty() topicTitle!: string;
  @ApiProperty({ type: AuthorResponse }) author!: AuthorResponse;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() hidden!: boolean;
}

export class ReportResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: ReportStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ type: ReportedPostResponse }) post!: ReportedPostResponse;
}

export class ReportPageResponse {
  @ApiProperty({ type: [ReportResponse] }) items!: ReportResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
