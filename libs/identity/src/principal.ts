import { InstanceRole } from './users/user.entity';

/** Who is making a request, as every service sees it. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  instanceRole: InstanceRole;
  /** How they authenticated; a session can be revoked by logout. */
  via: { kind: 'session'; sessionId: string } | { kind: 'api_token'; tokenId: string };
}
