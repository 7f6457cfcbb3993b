import { ApiTokenEntity } from './api-tokens/api-token.entity';
import { MagicLinkEntity } from './auth/magic-link.entity';
import { SessionEntity } from './sessions/session.entity';
import { UserEntity } from './users/user.entity';

// The public surface of @app/identity, by name (never `export *`): anything not listed here is internal.
export { ApiTokensService } from './api-tokens/api-tokens.service';
export { AuthService } from './auth/auth.service';
export { OwnerBootstrapService } from './auth/owner-bootstrap.service';
export { KNOWN_DEVICE_TTL_MS } from './auth/password-throttle';
export { PrincipalResolver } from './auth/principal-resolver.service';
export { type IdentityErrorCode } from './identity.errors';
export { IdentityModule } from './identity.module';
export { type Principal } from './principal';
export { SessionsService } from './sessions/sessions.service';
export { UserEntity } from './users/user.entity';
export { UsersService } from './users/users.service';

export const IDENTITY_ENTITIES = [UserEntity, SessionEntity, MagicLinkEntity, ApiTokenEntity];
