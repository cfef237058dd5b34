// The investigation's words as people read them.

export const REQUEST_STATUS_LABELS = {
  open: 'Väntar på svar',
  overdue: 'Svaret är försenat',
  answered: 'Besvarad',
  withdrawn: 'Återkallad',
} as const;
export type RequestDisplayStatus = keyof typeof REQUEST_STATUS_LABELS;

export const REQUEST_STATUS_TAGS: Record<RequestDisplayStatus, string> = {
  open: 'govuk-tag--blue',
  overdue: 'govuk-tag--red',
  answered: 'govuk-tag--green',
  withdrawn: 'govuk-tag--grey',
};

/** Open, answered or withdrawn as stored; an open request past its reply date is overdue. */
export function requestDisplayStatus(request: { status: 'open' | 'answered' | 'withdrawn'; reply_by: string }, today: string): RequestDisplayStatus {
  if (request.status === 'open' && request.reply_by < today) return 'overdue';
  return request.status;
}

export const INTERVIEWEES = ['patient', 'user', 'relative', 'staff', 'management'] as const;
export type Interviewee = (typeof INTERVIEWEES)[number];
export const INTERVIEWEE_LABELS: Record<Interviewee, string> = {
  patient: 'Patient',
  user: 'Brukare',
  relative: 'Närstående',
  staff: 'Personal',
  management: 'Ledning',
};
/** Whose own perspective ("what matters to me") an interview can give. */
export const PERSPECTIVE_INTERVIEWEES: readonly Interviewee[] = ['patient', 'user', 'relative'];

export const SEVERITY_LABELS: Record<number, string> = {
  1: 'Liten',
  2: 'Måttlig',
  3: 'Allvarlig',
  4: 'Mycket allvarlig',
};

export const INSPECTION_STATUS_LABELS = {
  planned: 'Planerad',
  performed: 'Genomförd',
  cancelled: 'Inställd',
} as const;
