// The completeness check of a lex Maria or lex Sarah report: the seed's key finding is that providers (and
// the inspectorate) close investigations "utan att bakomliggande orsaker fullt ut identifierats och utan att
// åtgärder satts in som kan förväntas leda till att risker och brister undanröjs" (seed 002). Pure: the same
// answer for the reporter before they send and for staff afterwards.

export const ROOT_CAUSE_CATEGORIES = {
  kommunikation: 'Kommunikation och information',
  rutiner: 'Rutiner och riktlinjer',
  kompetens: 'Kompetens och utbildning',
  bemanning: 'Bemanning och arbetsbelastning',
  teknik: 'Teknik och utrustning',
  organisation: 'Organisation, ledning och styrning',
  annat: 'Annan orsak',
} as const;
export type RootCauseCategory = keyof typeof ROOT_CAUSE_CATEGORIES;

/** What an action does to the risk: removes it (undanröjer) or only reduces it (minskar). */
export const ACTION_EFFECTS = {
  eliminates: 'Undanröjer risken',
  reduces: 'Minskar risken',
} as const;
export type ActionEffect = keyof typeof ACTION_EFFECTS;

export interface RootCause {
  category: RootCauseCategory;
  description: string;
}

export interface Action {
  description: string;
  /** Who is responsible (a role or a name); empty when not given. */
  owner: string;
  /** YYYY-MM-DD; empty when not given. */
  dueDate: string;
  effect: ActionEffect;
}

export interface ReportInvestigation {
  rootCauses: RootCause[];
  actions: Action[];
  /** How the provider will follow up that the actions work; empty when not given. */
  followUp: string;
}

export type CompletenessFlagCode =
  | 'no_root_causes'
  | 'no_actions'
  | 'action_without_owner'
  | 'action_without_due_date'
  | 'no_action_removes_risk'
  | 'no_follow_up';

export interface CompletenessFlag {
  code: CompletenessFlagCode;
  /** 1-based number of the action the flag is about, for the per-action flags. */
  action?: number;
  /** Plain Swedish, for the reporter and for staff. */
  message: string;
}

export interface Completeness {
  complete: boolean;
  flags: CompletenessFlag[];
}

/** A stable key per flag ("action_without_owner:2"): what the reporter saw and chose to send anyway. */
export function flagKey(flag: Pick<CompletenessFlag, 'code' | 'action'>): string {
  return flag.action === undefined ? flag.code : `${flag.code}:${flag.action}`;
}

export function checkReportCompleteness(report: ReportInvestigation): Completeness {
  const flags: CompletenessFlag[] = [];
  if (report.rootCauses.length === 0) {
    flags.push({
      code: 'no_root_causes',
      message: 'Inga bakomliggande orsaker är identifierade. Utredningen ska visa varför händelsen kunde inträffa, inte bara vad som hände.',
    });
  }
  if (report.actions.length === 0) {
    flags.push({ code: 'no_actions', message: 'Inga åtgärder är beskrivna. Anmälan ska visa vad ni gör för att händelsen inte ska upprepas.' });
  }
  report.actions.forEach((action, i) => {
    const number = i + 1;
    if (!action.owner.trim()) flags.push({ code: 'action_without_owner', action: number, message: `Åtgärd ${number} saknar ansvarig.` });
    if (!action.dueDate.trim()) flags.push({ code: 'action_without_due_date', action: number, message: `Åtgärd ${number} saknar datum när den ska vara genomförd.` });
  });
  if (report.actions.length > 0 && !report.actions.some((a) => a.effect === 'eliminates')) {
    flags.push({
      code: 'no_action_removes_risk',
      message: 'Ingen åtgärd undanröjer risken – alla åtgärder minskar den bara. Beskriv en åtgärd som tar bort risken, eller förklara i utredningen varför det inte går.',
    });
  }
  if (!report.followUp.trim()) {
    flags.push({ code: 'no_follow_up', message: 'Det saknas en plan för hur ni ska följa upp att åtgärderna har genomförts och gett effekt.' });
  }
  return { complete: flags.length === 0, flags };
}
