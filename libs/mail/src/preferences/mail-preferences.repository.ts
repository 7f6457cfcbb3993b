import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The mail_opt_outs table (mail owns it): one row per person and category they opted out of. */
@Injectable()
export class MailPreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertOptOut(userId: string, category: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_opt_outs (user_id, category) VALUES ($1, $2)
       ON CONFLICT ON CONSTRAINT "PK_mail_opt_outs" DO NOTHING`,
      [userId, category],
    );
  }

  async deleteOptOut(userId: string, category: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM mail_opt_outs WHERE user_id = $1 AND category = $2`, [
      userId,
      category,
    ]);
  }

  async categories<T extends string>(userId: string): Promise<T[]> {
    const rows = await this.dataSource.query<Array<{ category: T }>>(
      `SELECT category FROM mail_opt_outs WHERE user_id = $1 ORDER BY category`,
      [userId],
    );
    return rows.map((r) => r.category);
  }
}
