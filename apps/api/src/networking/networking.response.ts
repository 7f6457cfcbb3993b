import { ApiProperty } from '@nestjs/swagger';

const nullableString = { type: String, nullable: true } as const;
const nullableTime = { type: String, format: 'date-time', nullable: true } as const;
const PHASES = ['not_started', 'round', 'break', 'paused', 'ended'];

export class NetworkingSettingsResponse {
  @ApiProperty() rounds!: number;
  @ApiProperty() roundMinutes!: number;
  @ApiProperty() breakMinutes!: number;
  @ApiProperty() groupSize!: number;
  @ApiProperty() useInterests!: boolean;
  @ApiProperty({ type: [String] }) interestTags!: string[];
  @ApiProperty({ enum: ['idle', 'running', 'paused', 'ended'] }) status!: string;
  @ApiProperty() currentRound!: number;
}

export class RoomMateResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() shownName!: string;
  @ApiProperty(nullableString) intro!: string | null;
  @ApiProperty({ type: [String] }) sharedInterests!: string[];
}

export class MyRoomResponse {
  @ApiProperty({ description: 'The video room link (unguessable name)' }) url!: string;
  @ApiProperty({
    type: [RoomMateResponse],
    description: 'Only the people in my room, as they chose to appear',
  })
  people!: RoomMateResponse[];
}

export class MyParticipationResponse {
  @ApiProperty() shownName!: string;
  @ApiProperty() usesPseudonym!: boolean;
  @ApiProperty(nullableString) intro!: string | null;
  @ApiProperty({ type: [String] }) interests!: string[];
  @ApiProperty() present!: boolean;
}

export class LiveResponse {
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty() round!: number;
  @ApiProperty() rounds!: number;
  @ApiProperty() roundMinutes!: number;
  @ApiProperty() breakMinutes!: number;
  @ApiProperty(nullableTime) nextChangeAt!: Date | null;
  @ApiProperty({ type: [String] }) interestTags!: string[];
  @ApiProperty() useInterests!: boolean;
  @ApiProperty({ type: MyParticipationResponse, nullable: true }) me!: MyParticipationResponse | null;
  @ApiProperty({ type: MyRoomResponse, nullable: true }) room!: MyRoomResponse | null;
}

export class ScheduledRoundResponse {
  @ApiProperty() round!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: Date;
  @ApiProperty({ format: 'date-time' }) endsAt!: Date;
}

export class PlanRoomMemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() shownName!: string;
  @ApiProperty() left!: boolean;
}

export class PlanRoomResponse {
  @ApiProperty() roomId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [PlanRoomMemberResponse] }) members!: PlanRoomMemberResponse[];
}

export class PlanRoundResponse {
  @ApiProperty() round!: number;
  @ApiProperty({ type: [PlanRoomResponse] }) rooms!: PlanRoomResponse[];
}

export class PlanResponse {
  @ApiProperty({ type: NetworkingSettingsResponse, nullable: true })
  settings!: NetworkingSettingsResponse | null;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty() round!: number;
  @ApiProperty(nullableTime) nextChangeAt!: Date | null;
  @ApiProperty({ description: "The event's IANA time zone" }) timezone!: string;
  @ApiProperty({ type: Number, nullable: true }) totalMinutes!: number | null;
  @ApiProperty({ type: [ScheduledRoundResponse] }) schedule!: ScheduledRoundResponse[];
  @ApiProperty() optedIn!: number;
  @ApiProperty() present!: number;
  @ApiProperty({ type: [PlanRoundResponse] }) rounds!: PlanRoundResponse[];
}

export class SharedContactResponse {
  @ApiProperty() contact!: string;
  @ApiProperty(nullableString) message!: string | null;
}

export class MetPersonResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() shownName!: string;
  @ApiProperty({ type: SharedContactResponse, nullable: true, description: 'My own answer' })
  myIntent!: SharedContactResponse | null;
  @ApiProperty({
    type: SharedContactResponse,
    nullable: true,
    description: 'Theirs, only when both said yes',
  })
  mutual!: SharedContactResponse | null;
}

export class StayInTouchResponse {
  @ApiProperty({ description: 'True only when both said yes (then both got one mail)' }) mutual!: boolean;
}

export class BlockResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class NetworkingReportResponse {
  @ApiProperty() id!: string;
  @ApiProperty() reporterId!: string;
  @ApiProperty() reportedId!: string;
  @ApiProperty() round!: number;
  @ApiProperty(nullableString) roomId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class CreatedIdResponse {
  @ApiProperty() id!: string;
}

export class GroupNetworkingReportResponse extends NetworkingReportResponse {
  @ApiProperty() eventId!: string;
  @ApiProperty() eventTitle!: string;
}
