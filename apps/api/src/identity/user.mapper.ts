import { UserEntity } from '@app/identity';
import { UserResponse } from './identity.dto';

export const toUserResponse = (u: UserEntity): UserResponse => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  pronouns: u.pronouns,
  locale: u.locale,
  timezone: u.timezone,
  instanceRole: u.instanceRole,
});
