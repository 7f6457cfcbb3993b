import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { NetworkingModule } from '@app/networking';
import { RsvpModule } from '@app/rsvp';
import { AccountErasureService } from './account-erasure.service';
import { AccountExportService } from './account-export.service';

const providers = [AccountExportService, AccountErasureService];

@Module({ imports: [EventsModule, RsvpModule, NetworkingModule], providers, exports: providers })
export class AccountModule {}
