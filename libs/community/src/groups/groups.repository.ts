import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { queryRows } from '@app/core';
import { GroupEntity } from './group.entity';

/** A line of the public group directory: what a public group already shows to anyone. */
export interface DirectoryGroupRow {
  slug: string;
  name: string;
  city: string | null;
  description: string;
}

/** The groups table's queries beyond plain entity reads. */
@Injectable()
export class GroupsRepository {
  constructor(@InjectRepository(GroupEntity) private readonly groupRepository: Repository<GroupEntity>) {}

  /** The groups with these ids, by name. */
  findByIdsByName(ids: string[]): Promise<GroupEntity[]> {
    return this.groupRepository
      .createQueryBuilder('g')
      .where('g.id IN (:...ids)', { ids })
      .orderBy('g.name')
      .getMany();
  }

  /**
   * Public groups only (never unlisted or private), by name, optionally those whose name contains
   * `q` (without case; `%` and `_` are matched literally). One row more than `limit` proves a next page.
   */
  selectPublicDirectory(q: string, offset: number, limit: number): Promise<DirectoryGroupRow[]> {
    const pattern = q === '' ? null : `%${q.replace(/[\\%_]/g, '\\$&')}%`;
    return queryRows<DirectoryGroupRow>(
      this.groupRepository.manager,
      `SELECT g.slug, g.name, g.city, left(g.description, 300) AS description
         FROM groups g
        WHERE g.visibility = 'public' AND ($1::text IS NULL OR g.name ILIKE $1 ESCAPE '\\')
        ORDER BY lower(g.name), g.id
        OFFSET $2 LIMIT $3`,
      [pattern, offset, limit + 1],
    );
  }
}
