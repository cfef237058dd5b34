export { recomputeNationalRisk, type NationalRunResult } from './recompute.ts';
export { latestNationalRun, newAlertKinds, type AlertKind } from './store-scores.ts';
export { drainRescoreRequests, recomputeStoredScore, recomputeStoredScores, rescoreUnits, NATIONAL_RUN_ABOVE, type RescoreResult } from './rescore.ts';
export { startRiskScoring, requestNationalRun, RESCORE_JOB, NATIONAL_JOB, type RiskScoringOptions } from './continuous.ts';
