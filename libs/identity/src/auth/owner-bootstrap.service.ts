import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '@app/core';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

// Serialises first-start bootstrap between processes booting together.
const BOOTSTRAP_LOCK = 727_002;
export const OWNER_LINK_TTL_MINUTES = 24 * 60;

/**
 * On the very first start (no accounts at all) creates the instance owner and returns a one-time
 * sign-in link for it; on every later start returns null.
 */
@Injectable()
export class OwnerBootstrapService {
  private readonly logger = new Logger(OwnerBootstrapService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Env) private readonly env: Env,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(UsersRepository) private readonly usersRepository: UsersRepository,
  ) {}

  async ensureOwner(): Promise<{ email: string; link: string } | null> {
    return this.dataSource.transaction(async (tx) => {
      await this.usersRepository.lockBootstrap(tx, BOOTSTRAP_LOCK);
      if ((await this.usersRepository.count(tx)) > 0) return null;
      const owner = await this.users.create(tx, {
        email: this.env.OWNER_EMAIL,
        displayName: 'Owner',
        instanceRole: 'owner',
      });
      const token = await this.auth.createMagicLink(
        tx,
        owner.email,
        'owner_bootstrap',
        OWNER_LINK_TTL_MINUTES,
      );
      this.logger.log(`created the instance owner account user=${owner.id}`);
      return { email: owner.email, link: this.auth.magicLinkUrl(token) };
    });
  }
}
