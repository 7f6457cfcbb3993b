import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GroupEntity } from './group.entity';

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
}
