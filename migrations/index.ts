import { CreateUsers1763700000000 } from './1763700000000-CreateUsers';
import { CreateSessions1763700000100 } from './1763700000100-CreateSessions';
import { CreateMagicLinks1763700000200 } from './1763700000200-CreateMagicLinks';
import { CreateApiTokens1763700000300 } from './1763700000300-CreateApiTokens';
import { CreateRateLimitHits1763700000400 } from './1763700000400-CreateRateLimitHits';
import { CreateGroups1763700000500 } from './1763700000500-CreateGroups';
import { CreateMemberships1763700000600 } from './1763700000600-CreateMemberships';
import { CreateGroupInvites1763700000700 } from './1763700000700-CreateGroupInvites';
import { CreateOutboxMessages1763700000800 } from './1763700000800-CreateOutboxMessages';
import { CreateDevMailbox1763700000900 } from './1763700000900-CreateDevMailbox';

/** Every migration, in order. Listed explicitly so built and ts-node runs load the same set. */
export const MIGRATIONS = [
  CreateUsers1763700000000,
  CreateSessions1763700000100,
  CreateMagicLinks1763700000200,
  CreateApiTokens1763700000300,
  CreateRateLimitHits1763700000400,
  CreateGroups1763700000500,
  CreateMemberships1763700000600,
  CreateGroupInvites1763700000700,
  CreateOutboxMessages1763700000800,
  CreateDevMailbox1763700000900,
];
