export { pairRound, EXACT_LIMIT } from './pairing/pairing';
export { roomSizes, type PairingInput, type PairingPerson, type PairingResult } from './pairing/problem';
export { NETWORKING_ERROR_CODES, type NetworkingErrorCode } from './networking.errors';
export { NetworkingModule } from './networking.module';
export { NetworkingRepository, type NetworkingSettings, type ReportRow } from './networking.repository';
export {
  RoundsService,
  NETWORKING_KINDS,
  type RoundAction,
  type SettingsInput,
} from './rounds/rounds.service';
export { OrganizerNetworkingService, type PlanView } from './rounds/organizer.service';
export { type Phase, type RoundPlan, planMinutes, schedule } from './rounds/round-plan';
export {
  ParticipationService,
  type LiveView,
  type ParticipationInput,
  type RoomMate,
} from './members/participation.service';
export { ConnectionsService, type MetPerson } from './members/connections.service';
export { NetworkingAccountData } from './networking-account-data';
export { NetworkingLiveHub, LIVE_POLL_MS, type LiveSink } from './live/live-hub.service';
export { type LiveUpdate, type LiveRoomMate } from './live/live-update';
