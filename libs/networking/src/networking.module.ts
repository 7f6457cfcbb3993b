import { Module } from '@nestjs/common';
import { CommunityModule } from '@app/community';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { NetworkingLiveHub } from './live/live-hub.service';
import { ConnectionsService } from './members/connections.service';
import { ParticipationService } from './members/participation.service';
import { NetworkingAccountData } from './networking-account-data';
import { NetworkingRepository } from './networking.repository';
import { OrganizerNetworkingService } from './rounds/organizer.service';
import { RoundsService } from './rounds/rounds.service';

const providers = [
  NetworkingRepository,
  RoundsService,
  OrganizerNetworkingService,
  ParticipationService,
  ConnectionsService,
  NetworkingAccountData,
  NetworkingLiveHub,
];

@Module({ imports: [CommunityModule, EventsModule, IdentityModule], providers, exports: providers })
export class NetworkingModule {}
