import { Module } from '@nestjs/common';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { AuthService } from './auth/auth.service';
import { OwnerBootstrapService } from './auth/owner-bootstrap.service';
import { PasswordFailuresRepository } from './auth/password-failures.repository';
import { PrincipalResolver } from './auth/principal-resolver.service';
import { SessionsService } from './sessions/sessions.service';
import { UsersService } from './users/users.service';

@Module({
  providers: [
    PasswordFailuresRepository,
    UsersService,
    SessionsService,
    AuthService,
    ApiTokensService,
    OwnerBootstrapService,
    PrincipalResolver,
  ],
  exports: [
    UsersService,
    SessionsService,
    AuthService,
    ApiTokensService,
    OwnerBootstrapService,
    PrincipalResolver,
  ],
})
export class IdentityModule {}
