import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MagicLinkPurpose = 'sign_in' | 'owner_bootstrap';

@Entity('magic_links')
export class MagicLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('text')
  purpose!: MagicLinkPurpose;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt!: Date | null;
}
