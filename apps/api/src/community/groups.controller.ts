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
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { GroupsService, MembershipsService } from '@app/community';
import { Principal } from '@app/identity';
import { CurrentUser, OptionalUser, Public } from '../http/auth.guard';
import {
  CreateGroupDto,
  GroupResponse,
  InviteMemberDto,
  UpdateGroupDto,
  UpdateMemberDto,
} from './community.dto';
import { toGroupResponse, toGroupResponseFor } from './group.mapper';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  InviteAcceptedResponse,
  InviteResponse,
  MemberResponse,
  MembershipStatusResponse,
} from './community.dto';

@ApiTags('groups')
@ApiErrorResponses(400, 401, 403, 404, 409)
@Controller('api/groups')
export class GroupsController {
  constructor(
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: GroupResponse })
  async create(@CurrentUser() principal: Principal, @Body() dto: CreateGroupDto): Promise<GroupResponse> {
    const { slug, ...fields } = dto;
    return toGroupResponse(await this.groups.create(principal.userId, slug, fields));
  }

  /** Groups I belong to (or asked to join, unless the group is private). */
  @Get()
  @ApiOkResponse({ type: [GroupResponse] })
  async mine(@CurrentUser() principal: Principal): Promise<GroupResponse[]> {
    const rows = await this.groups.listMine(principal.userId);
    return rows.map(({ group, membership }) => toGroupResponseFor(group, membership));
  }

  @Public()
  @Get(':slug')
  @ApiOkResponse({ type: GroupResponse })
  async get(
    @OptionalUser() principal: Principal | null,
    @Param('slug') slug: string,
  ): Promise<GroupResponse> {
    return toGroupResponse(await this.groups.get(slug, principal?.userId ?? null));
  }

  @Patch(':slug')
  @ApiOkResponse({ type: GroupResponse })
  async update(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupResponse> {
    return toGroupResponse(await this.groups.update(slug, principal.userId, dto));
  }

  @Post(':slug/join')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipStatusResponse })
  join(@CurrentUser() principal: Principal, @Param('slug') slug: string): Promise<MembershipStatusResponse> {
    return this.memberships.join(slug, principal.userId);
  }

  @Public()
  @Get(':slug/members')
  @ApiOkResponse({ type: [MemberResponse] })
  members(
    @OptionalUser() principal: Principal | null,
    @Param('slug') slug: string,
  ): Promise<MemberResponse[]> {
    return this.memberships.list(slug, principal?.userId ?? null);
  }

  /** Invite by email. */
  @Post(':slug/members')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: InviteResponse })
  invite(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
    @Body() dto: InviteMemberDto,
  ): Promise<InviteResponse> {
    return this.memberships.invite(slug, principal.userId, dto.email, dto.role);
  }

  @Delete(':slug/members/me')
  @HttpCode(204)
  leave(@CurrentUser() principal: Principal, @Param('slug') slug: string): Promise<void> {
    return this.memberships.leave(slug, principal.userId);
  }

  /** Approve, ban, unban, change role. */
  @Patch(':slug/members/:userId')
  @ApiOkResponse({ type: MemberResponse })
  updateMember(
    @CurrentUser() principal: Principal,
    @Param('slug') slug: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return this.memberships.update(slug, principal.userId, userId, dto);
  }
}

@ApiTags('groups')
@ApiErrorResponses(400, 401, 404, 409)
@Controller('api/invites')
export class InvitesController {
  constructor(@Inject(MembershipsService) private readonly memberships: MembershipsService) {}

  @Post(':token/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: InviteAcceptedResponse })
  async accept(
    @CurrentUser() principal: Principal,
    @Param('token') token: string,
  ): Promise<InviteAcceptedResponse> {
    const result = await this.memberships.acceptInvite(token, principal.userId, principal.email);
    return { group: result.group.slug, status: result.status };
  }
}
