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
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiTokenSummary, ApiTokensService, AuthService, Principal, UsersService } from '@app/identity';
import { CurrentUser } from '../http/auth.guard';
import { CreateApiTokenDto, SetPasswordDto, UpdateProfileDto, UserResponse } from './identity.dto';
import { toUserResponse } from './user.mapper';

@ApiTags('me')
@Controller('api/me')
export class MeController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(ApiTokensService) private readonly tokens: ApiTokensService,
  ) {}

  @Get()
  async me(@CurrentUser() principal: Principal): Promise<UserResponse> {
    return toUserResponse(await this.users.get(principal.userId));
  }

  @Patch()
  async update(@CurrentUser() principal: Principal, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return toUserResponse(await this.users.updateProfile(principal.userId, dto));
  }

  @Put('password')
  @HttpCode(204)
  async setPassword(@CurrentUser() principal: Principal, @Body() dto: SetPasswordDto): Promise<void> {
    await this.auth.setPassword(principal.userId, dto.newPassword, dto.currentPassword);
  }

  @Get('tokens')
  listTokens(@CurrentUser() principal: Principal): Promise<ApiTokenSummary[]> {
    return this.tokens.list(principal.userId);
  }

  /** The token is in this response only; it is stored hashed. */
  @Post('tokens')
  createToken(
    @CurrentUser() principal: Principal,
    @Body() dto: CreateApiTokenDto,
  ): Promise<ApiTokenSummary & { token: string }> {
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
