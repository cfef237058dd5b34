// Risk analysis (issue 4): the national, explainable risk score, its CLI and its statistics.
export { scoreUnits, scoreUnitsWithSummary, loadRiskInput, type UnitRisk, type ScoreUnitsOptions, type Contribution, type RiskRunSummary, type TriggerCode } from './score-units.ts';
export { registerRiskCommands } from './cli.ts';
export { METHOD, WEIGHTS, CHANNEL_RULES, SEVERITY_LIKELIHOOD_RATIO } from './method.ts';
export { riskRoutes } from './routes.ts';
export { recomputeNationalRisk, recomputeStoredScore, recomputeStoredScores, latestNationalRun, startRiskScoring, rescoreUnits, drainRescoreRequests, type NationalRunResult } from './scoring/index.ts';
export { findOpenAlerts, findChangedAlert, RiskAlertList, type AlertScope, type OpenAlert } from './alerts/index.ts';
