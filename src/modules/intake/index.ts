export { receiveSignal, newSignalId, type IncomingSignal, type ReceivedSignal, type SignalClassifier, type Classification, type Urgency } from './receive-signal.ts';
export { findUnitCandidates, nameSimilarity, normaliseName, MATCH_THRESHOLD, type UnitHint, type UnitMatch } from './match-unit.ts';
export { intakeRoutes } from './routes.ts';
// For other modules' pages under /provider (the portal's frame) and their uploads (checked like intake's).
export { requireRepresentative, representativeOf, assertRepresents, assertCsrf, isRepresentative, representativeActor, ProviderLayout, type Representative, type ProviderLayoutProps } from './provider/index.ts';
export { checkAttachment, ATTACHMENT_KINDS, type CheckedAttachment, type AttachmentProblem } from './public/attachments.ts';
export { readForm, FormReader, type RawForm, type UploadLimits } from './public/form-reader.ts';
export { queueRecentDemoSignals } from './triage/queue-demo-signals.ts';
