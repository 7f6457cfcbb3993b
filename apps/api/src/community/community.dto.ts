import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  GROUP_ROLES,
  GROUP_VISIBILITIES,
  GroupRole,
  GroupVisibility,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
} from '@app/community';
import { IsIanaTimeZone } from '../http/validators';

const REMINDER_HOURS = [1, 2, 3, 6, 12, 24, 48, 72, 168];

export class CreateGroupDto {
  @ApiProperty({ example: 'queer-coffee-leeds', description: 'Lowercase letters, digits and hyphens' })
  @Matches(/^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/, {
    message: 'slug must be 1-64 lowercase letters, digits or hyphens',
  })
  slug!: string;

  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
  @ApiProperty({ example: 'Europe/London' }) @IsIanaTimeZone() timezone!: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(120)
  city?: string | null;
  @ApiPropertyOptional({ enum: GROUP_VISIBILITIES })
  @IsOptional()
  @IsIn(GROUP_VISIBILITIES)
  visibility?: GroupVisibility;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) codeOfConduct?: string;
  @ApiPropertyOptional({
    type: [Number],
    description: 'Hours before an event that going attendees are reminded',
    example: [24, 1],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(REMINDER_HOURS, { each: true })
  reminderHours?: number[];
}

/** Every field of a new group but its address, all optional (validators carried over). */
export class UpdateGroupDto extends PartialType(OmitType(CreateGroupDto, ['slug'] as const)) {}

export class InviteMemberDto {
  @ApiProperty() @IsEmail() @MaxLength(320) email!: string;
  @ApiPropertyOptional({ enum: ['organizer', 'moderator', 'member'] })
  @IsOptional()
  @IsIn(['organizer', 'moderator', 'member'])
  role?: Exclude<GroupRole, 'owner'>;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: GROUP_ROLES }) @IsOptional() @IsIn(GROUP_ROLES) role?: GroupRole;
  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;
}

export class GroupResponse {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ enum: GROUP_VISIBILITIES }) visibility!: GroupVisibility;
  @ApiProperty() codeOfConduct!: string;
  @ApiProperty({
    description: "The caller's membership, if any",
    nullable: true,
    type: () => GroupMembershipResponse,
  })
  membership!: { role: GroupRole; status: MembershipStatus } | null;
  @ApiProperty({ type: [Number] }) reminderHours!: number[];
  @ApiProperty({ type: () => GroupPermissionsResponse })
  permissions!: { edit: boolean; manageMembers: boolean; moderate: boolean };
}

export class GroupMembershipResponse {
  @ApiProperty({ enum: GROUP_ROLES }) role!: GroupRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
}

export class GroupPermissionsResponse {
  @ApiProperty() edit!: boolean;
  @ApiProperty() manageMembers!: boolean;
  @ApiProperty() moderate!: boolean;
}

export class MembershipStatusResponse {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
}

export class MemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) pronouns!: string | null;
  @ApiProperty({ enum: GROUP_ROLES }) role!: GroupRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
  /** A Date in the service, an ISO-8601 string once serialized. */
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt!: Date;
}

export class InviteResponse {
  @ApiProperty({ description: 'The invitation' }) id!: string;
}

export class InviteAcceptedResponse {
  @ApiProperty({ description: "The group's slug" }) group!: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
}
