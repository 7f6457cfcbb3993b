import { Inject, Injectable } from '@nestjs/common';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { Principal } from '../principal';
import { SessionsService } from '../sessions/sessions.service';

/** Turns a session cookie or a Bearer token into a Principal; null when neither is valid. */
@Injectable()
export class PrincipalResolver {
  constructor(
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(ApiTokensService) private readonly apiTokens: ApiTokensService,
  ) {}

  async resolve(credentials: { sessionToken?: string; bearerToken?: string }): Promise<Principal | null> {
    if (credentials.bearerToken) return this.apiTokens.resolve(credentials.bearerToken);
    if (credentials.sessionToken) return this.sessions.resolve(credentials.sessionToken);
    return null;
  }
}
