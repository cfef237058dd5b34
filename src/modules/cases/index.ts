// Cases (issue 5): the diarium, investigations, inspections, decisions and follow-up until effects show.
export { openCase, checkOpenCaseInput, CASE_TYPE_LABELS, CASE_TYPE_OF_CHANNEL, type OpenCaseInput, type OpenedCase } from './open-case.ts';
export { registerDocument, addDocumentVersion, checkDocumentInput, secrecyReferenceForForm, type DocumentInput } from './register-document.ts';
export { formatDiarienummer, takeDiariumNumber, CASE_CLASSES, DIARIUM_SERIES } from './diarium.ts';
export { requireCaseAccess, accessFor, assertCase, caseIdOf, auditCaseRead, type CaseAccess, type CaseViewer } from './access.ts';
export { casesRoutes } from './routes.ts';
export { loadCaseHeader, type CaseHeader } from './case-header.ts';
export { CaseLayout, caseUrl, CASE_STATUS_LABELS, type CaseTab } from './case-layout.tsx';
export { startCaseJobs } from './investigation/index.ts';
export { seedDemoDecisions } from './decisions/index.ts';
