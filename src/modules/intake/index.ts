export { receiveSignal, newSignalId, type IncomingSignal, type ReceivedSignal, type SignalClassifier, type Classification, type Urgency } from './receive-signal.ts';
export { findUnitCandidates, nameSimilarity, normaliseName, MATCH_THRESHOLD, type UnitHint, type UnitMatch } from './match-unit.ts';
export { intakeRoutes } from './routes.ts';
