// The exchange format (docs/exchange-format.md, docs/exchange-extensions.md): import and export of a whole world.
export { importWorld, ENTITY_NAMES, type EntityName, type EntityCounts, type ImportSummary, type ImportWorldOptions } from './import-world.ts';
export { exportWorld, type ExportWorldOptions } from './export-world.ts';
export { ExchangeValidationError, formatIssue, type ExchangeIssue } from './exchange-validation-error.ts';
