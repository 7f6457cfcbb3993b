import { Module } from '@nestjs/common';
import { RsvpModule } from '@app/rsvp';
import { AccountErasureService } from './account-erasure.service';
import { AccountExportService } from './account-export.service';

const providers = [AccountExportService, AccountErasureService];

@Module({ imports: [RsvpModule], providers, exports: providers })
export class AccountModule {}
