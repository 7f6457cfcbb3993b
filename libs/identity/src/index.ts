import { ApiTokenEntity } from './api-tokens/api-token.entity';
import { MagicLinkEntity } from './auth/magic-link.entity';
import { SessionEntity } from './sessions/session.entity';
import { UserEntity } from './users/user.entity';

export * from './api-tokens/api-token.entity';
export * from './api-tokens/api-tokens.service';
export * from './auth/auth.service';
export * from './auth/magic-link.entity';
export * from './auth/owner-bootstrap.service';
export { KNOWN_DEVICE_TTL_MS } from './auth/password-throttle';
export * from './auth/principal-resolver.service';
export * from './identity.errors';
export * from './identity.module';
export * from './principal';
export * from './sessions/session.entity';
export * from './sessions/sessions.service';
export * from './users/user.entity';
export * from './users/users.service';

export const IDENTITY_ENTITIES = [UserEntity, SessionEntity, MagicLinkEntity, ApiTokenEntity];
