import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { GROUP_ROLES, GroupRole } from '@app/community';
import { INPUT_LIMITS } from '../http/input-limits';

const PEOPLE_DOC =
  'Named people, pasted: entries separated by commas, semicolons or line breaks, each `addr`, `Name <addr>` or `"Name, Jr." <addr>`. Duplicates collapse whatever their case. Existing accounts are matched by address (any case); an account is created for an unknown address (named as given, else by its local part). People who are not members are invited as guests of that one event. Any entry that is not an address refuses the request (422 AUDIENCE_INVALID naming the entries; nothing is invited).';

/** Who is invited: the parts combine (each person once); banned members never are. */
export class AudienceDto {
  @ApiPropertyOptional({
    description:
      "The topic's participants (its author, authors of visible posts, followers) who are active members; only where there is a topic (a series, or an event grown from one)",
  })
  @IsOptional()
  @IsBoolean()
  topicParticipants?: boolean;
  @ApiPropertyOptional({ description: 'Every active member of the group' })
  @IsOptional()
  @IsBoolean()
  allMembers?: boolean;
  @ApiPropertyOptional({ enum: GROUP_ROLES, isArray: true, description: 'Active members with these roles' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GROUP_ROLES.length)
  @IsIn(GROUP_ROLES, { each: true })
  roles?: GroupRole[];
  @ApiPropertyOptional({ maxLength: INPUT_LIMITS.pastedListLength, description: PEOPLE_DOC })
  @IsOptional()
  @IsString()
  @MaxLength(INPUT_LIMITS.pastedListLength)
  people?: string;
}

/** A preview for a new event or series: with `topicId`, topicParticipants names that topic's people. */
export class AudiencePreviewDto extends AudienceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The topic a series would grow from' })
  @IsOptional()
  @IsUUID()
  topicId?: string;
}

export class AudiencePreviewResponse {
  @ApiProperty({ description: 'People newly invited and mailed (guests included)' })
  toInvite!: number;
  @ApiProperty({ description: 'Already invited to the event: skipped' }) alreadyInvited!: number;
  @ApiProperty({ description: 'Members who opted out of announcements: invited, but not mailed' })
  optedOut!: number;
  @ApiProperty({ description: 'Banned from the group: never invited' }) banned!: number;
  @ApiProperty({
    description: 'Named people who are not members of the group (guests), with an account or not',
  })
  guests!: number;
  @ApiProperty({ type: [String], description: 'Entries of `people` that are not addresses (up to 100)' })
  invalid!: string[];
}

export class AudienceOutcomeResponse {
  @ApiProperty({ description: 'People newly invited (mailed, or not when opted out)' }) invited!: number;
  @ApiProperty({ description: 'Already invited: left as they were' }) alreadyInvited!: number;
  @ApiProperty({ description: 'Members newly invited but opted out of announcements: not mailed' })
  optedOut!: number;
  @ApiProperty({ description: 'Banned from the group: not invited' }) banned!: number;
  @ApiProperty({ description: 'Named people who are not members of the group (guests)' }) guests!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description:
      'The fan-out job inviting and mailing them (progress at GET /api/jobs/{id}); null: nobody new',
  })
  jobId?: string | null;
}
