// The investigation with the provider (requests, the portal's case pages, reminders) and inspections.
export { investigationRoutes, ANSWER_ATTACHMENT_MAX_BYTES } from './routes.tsx';
export { startCaseJobs, CASE_REMINDERS_JOB, type CaseJobsOptions } from './case-jobs.ts';
export { sendCaseReminders, reportReminderSubjectStart, REQUEST_REMINDER_DAYS, REPORT_REMINDER_DAYS, type ReminderResult } from './send-case-reminders.ts';
export { sendRequest, checkRequestInput, type RequestInput, type SentRequest } from './send-request.ts';
export { withdrawRequest, type WithdrawnResult } from './withdraw-request.ts';
export { answerRequest } from './answer-request.ts';
export { planInspection, type PlanInspectionInput } from './plan-inspection.ts';
export { recordInspectionPerformed, cancelInspection } from './perform-inspection.ts';
export { addInspectionFinding, type FindingInput } from './add-inspection-finding.ts';
export { addInspectionInterview, type InterviewInput } from './add-inspection-interview.ts';
export { requireProviderCase } from './provider-access.ts';
export { providerNoticeText, withdrawalNoticeText } from './provider-mail.ts';
export { requestDisplayStatus, REQUEST_STATUS_LABELS, INTERVIEWEE_LABELS } from './labels.ts';
