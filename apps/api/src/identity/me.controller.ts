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
  Put,
  Res,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import { AccountErasureService, AccountExport, AccountExportService } from '@app/account';
import { Env } from '@app/core';
import { ApiTokensService, AuthService, Principal, UsersService } from '@app/identity';
import { CurrentUser } from '../http/auth.guard';
import { clearSessionCookie } from '../http/session-cookie';
import {
  CreateApiTokenDto,
  DeleteAccountDto,
  SetPasswordDto,
  UpdateProfileDto,
  UserResponse,
} from './identity.dto';
import { toUserResponse } from './user.mapper';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AccountExportResponse, ApiTokenResponse, CreatedApiTokenResponse } from './identity.dto';

@ApiTags('me')
@ApiErrorResponses(400, 401, 404, 409)
@Controller('api/me')
export class MeController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(ApiTokensService) private readonly tokens: ApiTokensService,
    @Inject(AccountExportService) private readonly exports: AccountExportService,
    @Inject(AccountErasureService) private readonly erasure: AccountErasureService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Get()
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() principal: Principal): Promise<UserResponse> {
    return toUserResponse(await this.users.get(principal.userId));
  }

  @Patch()
  @ApiOkResponse({ type: UserResponse })
  async update(@CurrentUser() principal: Principal, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return toUserResponse(await this.users.updateProfile(principal.userId, dto));
  }

  /** Everything Hearth keeps about the caller, as a JSON download (DESIGN §5). */
  @Get('export')
  @ApiOkResponse({ type: AccountExportResponse })
  async export(
    @CurrentUser() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountExport> {
    const document = await this.exports.export(principal.userId);
    reply.header('Content-Disposition', 'attachment; filename="hearth-account-export.json"');
    reply.header('Cache-Control', 'no-store');
    return document;
  }

  /**
   * Deletes the caller's account and their data; `confirm` repeats the account's email address.
   * Seats they held go to the waitlist as if they had declined.
   */
  @Delete()
  @HttpCode(204)
  async deleteAccount(
    @CurrentUser() principal: Principal,
    @Body() dto: DeleteAccountDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.erasure.erase(principal.userId, dto.confirm);
    clearSessionCookie(reply, this.env);
  }

  @Put('password')
  @HttpCode(204)
  async setPassword(@CurrentUser() principal: Principal, @Body() dto: SetPasswordDto): Promise<void> {
    await this.auth.setPassword(principal.userId, dto.newPassword, dto.currentPassword);
  }

  @Get('tokens')
  @ApiOkResponse({ type: [ApiTokenResponse] })
  listTokens(@CurrentUser() principal: Principal): Promise<ApiTokenResponse[]> {
    return this.tokens.list(principal.userId);
  }

  /** The token is in this response only; it is stored hashed. */
  @Post('tokens')
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  createToken(
    @CurrentUser() principal: Principal,
    @Body() dto: CreateApiTokenDto,
  ): Promise<CreatedApiTokenResponse> {
    return this.tokens.create(principal.userId, dto.name);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  revokeToken(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.tokens.revoke(principal.userId, id);
  }
}
