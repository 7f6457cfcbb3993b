import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-responses';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Env } from '@app/core';
import { AuthService, KNOWN_DEVICE_TTL_MS, Principal } from '@app/identity';
import { ClientIp, CurrentUser, Public } from '../http/auth.guard';
import {
  KNOWN_DEVICE_COOKIE,
  clearSessionCookie,
  setKnownDeviceCookie,
  setSessionCookie,
} from '../http/session-cookie';
import { LoginDto, MagicLinkConsumeDto, MagicLinkRequestDto } from './identity.dto';
import { toUserResponse } from './user.mapper';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { MessageResponse, SignedInResponse } from './identity.dto';

@ApiTags('auth')
@ApiErrorResponses(400, 401, 429)
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Env) private readonly env: Env,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInResponse })
  async login(
    @Body() dto: LoginDto,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedInResponse> {
    const device = request.cookies?.[KNOWN_DEVICE_COOKIE];
    const signedIn = await this.auth.loginWithPassword(dto.email, dto.password, ip, device);
    setSessionCookie(reply, this.env, signedIn.token, signedIn.expiresAt);
    setKnownDeviceCookie(reply, this.env, signedIn.deviceToken, KNOWN_DEVICE_TTL_MS);
    return { user: toUserResponse(signedIn.user) };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentUser() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (principal.via.kind === 'session') await this.auth.logout(principal.via.sessionId);
    clearSessionCookie(reply, this.env);
  }

  /** Same answer for every address, known or not. */
  @Public()
  @Post('magic-link')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MessageResponse })
  async requestMagicLink(@Body() dto: MagicLinkRequestDto, @ClientIp() ip: string): Promise<MessageResponse> {
    await this.auth.requestMagicLink(dto.email, ip, dto.locale);
    return { message: 'If this address can sign in, a link is on its way.' };
  }

  @Public()
  @Post('magic-link/consume')
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInResponse })
  async consumeMagicLink(
    @Body() dto: MagicLinkConsumeDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedInResponse> {
    const signedIn = await this.auth.consumeMagicLink(dto.token, ip);
    setSessionCookie(reply, this.env, signedIn.token, signedIn.expiresAt);
    setKnownDeviceCookie(reply, this.env, signedIn.deviceToken, KNOWN_DEVICE_TTL_MS);
    return { user: toUserResponse(signedIn.user) };
  }
}
