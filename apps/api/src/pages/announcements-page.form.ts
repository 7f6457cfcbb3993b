import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { ANNOUNCEMENT_MODES, AnnouncementMode } from '@app/community';

/** POST /account/announcements: one group's announcement setting. */
export class AnnouncementsPageForm {
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9-]+$/)
  slug!: string;

  @IsIn(ANNOUNCEMENT_MODES)
  mode!: AnnouncementMode;
}
