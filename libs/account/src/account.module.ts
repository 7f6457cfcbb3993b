import { Module } from '@nestjs/common';
import { CommunityModule } from '@app/community';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { NetworkingModule } from '@app/networking';
import { RsvpModule } from '@app/rsvp';
import { AccountErasureService } from './account-erasure.service';
import { AccountExportRepository } from './account-export.repository';
import { AccountExportService } from './account-export.service';

const providers = [AccountExportRepository, AccountExportService, AccountErasureService];

@Module({
  imports: [IdentityModule, CommunityModule, EventsModule, RsvpModule, NetworkingModule],
  providers,
  exports: providers,
})
export class AccountModule {}
