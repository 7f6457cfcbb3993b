import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ANNOUNCEMENT_MODES, AnnouncementMode } from '@app/community';

export class AnnouncementPreferenceDto {
  @ApiProperty({
    enum: ANNOUNCEMENT_MODES,
    description: 'How I hear of new topics and events: at once, a daily digest, or not at all',
  })
  @IsIn(ANNOUNCEMENT_MODES)
  mode!: AnnouncementMode;
}

export class AnnouncementPreferenceResponse {
  @ApiProperty({ enum: ANNOUNCEMENT_MODES }) mode!: AnnouncementMode;
}
