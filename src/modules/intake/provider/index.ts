// Provider reports: lex Maria and lex Sarah with the completeness check, and kommuner's unexecuted decisions.
export { providerIntakeRoutes } from './routes.tsx';
export { checkReportCompleteness, type Completeness, type CompletenessFlag } from './check-report-completeness.ts';
export { reportKindsForUnit, type ReportKind } from './report-kinds.ts';
export { UNEXECUTED_DECISION_LIMIT_MONTHS, assessDecision } from './unexecuted-decisions/three-month-rule.ts';
export { parseDecisionsCsv } from './unexecuted-decisions/parse-decisions-csv.ts';
// The provider portal's frame, for other modules' pages under /provider (cases, decisions).
export { requireRepresentative, representativeOf, assertRepresents, assertCsrf, isRepresentative, actorOf as representativeActor, type Representative } from './representative.ts';
export { ProviderLayout, type ProviderLayoutProps } from './pages/provider-layout.tsx';
