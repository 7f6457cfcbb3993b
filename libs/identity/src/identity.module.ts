import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiTokenEntity } from './api-tokens/api-token.entity';
import { MagicLinkEntity } from './auth/magic-link.entity';
import { SessionEntity } from './sessions/session.entity';
import { UserEntity } from './users/user.entity';
import { MagicLinksRepository } from './auth/magic-links.repository';
import { ApiTokensRepository } from './api-tokens/api-tokens.repository';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { AuthService } from './auth/auth.service';
import { OwnerBootstrapService } from './auth/owner-bootstrap.service';
import { PasswordFailuresRepository } from './auth/password-failures.repository';
import { PrincipalResolver } from './auth/principal-resolver.service';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, MagicLinkEntity, ApiTokenEntity])],
  providers: [
    PasswordFailuresRepository,
    MagicLinksRepository,
    UsersRepository,
    SessionsRepository,
    ApiTokensRepository,
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
