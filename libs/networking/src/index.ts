export { pairRound, EXACT_LIMIT } from './pairing/pairing';
export { roomSizes, type PairingInput, type PairingPerson, type PairingResult } from './pairing/problem';
