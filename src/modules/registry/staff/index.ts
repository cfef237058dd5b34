// The register's staff side: what the rest of the app may use.
export { registryStaffRoutes } from './routes.tsx';
export { countUnitsByForm, searchUnits, SEARCH_LIMIT } from './repository.ts';
export { correctUnit, CORRECTABLE_FIELDS, type CorrectionForm } from './correct-unit.ts';
export { revealSignalPersonalData } from './reveal-personal-data.ts';
export { checkNotificationTiming, NOTIFICATION_PERIOD_MONTHS } from './notification-rules.ts';
