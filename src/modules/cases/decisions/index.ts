// Decisions and follow-up: deciding a case (letter as PDF, outgoing document, inspection row, publication),
// the provider's reported actions and their assessment, the public decision search, and the effect view.
export { decisionRoutes } from './routes.tsx';
export { decideCase, type DecideCaseDeps, type DecidedCase } from './decide-case.ts';
export { checkDecisionInput, type DecisionInput, type DeficiencyInput } from './decision-input.ts';
export { reportActions, type ActionRowInput } from './report-actions.ts';
export { assessAction, closeFollowUp } from './follow-up.ts';
export { renderDecisionPdf, type DecisionLetter } from './decision-pdf.ts';
export { seedDemoDecisions, type SeedDemoDecisionsOptions } from './seed-demo-decisions.ts';
export { estimateDecisionEffect, estimateIndicatorEffect, aggregateEffects, type DecisionCounts, type DecisionEffect, type ToolEffect } from './effect/estimator.ts';
export { findDecisionEffects, summariseByTool } from './effect/effect-view.ts';
export { TOOL_LABELS, INSPECTION_OUTCOME_OF_TOOL, FOLLOW_UP_LABELS } from './labels.ts';
