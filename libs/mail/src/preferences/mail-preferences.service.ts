import { Inject, Injectable } from '@nestjs/common';
import { MailPreferencesRepository } from './mail-preferences.repository';

export const OPT_OUT_CATEGORIES = ['reminders', 'announcements'] as const;
export type OptOutCategory = (typeof OPT_OUT_CATEGORIES)[number];

/** Opt-outs from non-essential mail. Invitations updates and cancellations always go out. */
@Injectable()
export class MailPreferencesService {
  constructor(@Inject(MailPreferencesRepository) private readonly repository: MailPreferencesRepository) {}

  async optOut(userId: string, category: OptOutCategory): Promise<void> {
    await this.repository.insertOptOut(userId, category);
  }

  async optIn(userId: string, category: OptOutCategory): Promise<void> {
    await this.repository.deleteOptOut(userId, category);
  }

  list(userId: string): Promise<OptOutCategory[]> {
    return this.repository.categories<OptOutCategory>(userId);
  }
}
