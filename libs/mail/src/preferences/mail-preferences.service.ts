import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const OPT_OUT_CATEGORIES = ['reminders', 'announcements'] as const;
export type OptOutCategory = (typeof OPT_OUT_CATEGORIES)[number];

/** Opt-outs from non-essential mail. Invitations updates and cancellations always go out. */
@Injectable()
export class MailPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async optOut(userId: string, category: OptOutCategory): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_opt_outs (user_id, category) VALUES ($1, $2)
       ON CONFLICT ON CONSTRAINT "PK_mail_opt_outs" DO NOTHING`,
      [userId, category],
    );
  }

  async optIn(userId: string, category: OptOutCategory): Promise<void> {
    await this.dataSource.query(`DELETE FROM mail_opt_outs WHERE user_id = $1 AND category = $2`, [
      userId,
      category,
    ]);
  }

  async list(userId: string): Promise<OptOutCategory[]> {
    const rows = await this.dataSource.query<Array<{ category: OptOutCategory }>>(
      `SELECT category FROM mail_opt_outs WHERE user_id = $1 ORDER BY category`,
      [userId],
    );
    return rows.map((r) => r.category);
  }
}
