// Triage of complaints about healthcare: transparent rules that RECOMMEND how the case officer should handle a
// complaint, with the reasons in plain Swedish. The officer decides; nothing here is a decision.
//
// The rules follow DOMAIN.md: serious events are investigated; events more than two years back need special
// reasons; the rest is referred to the care provider. The law is as we understand it — (law, verify) — and
// every number and legal reference lives in COMPLAINT_TRIAGE_RULES, the one place to change it.

/** What the complainant said the event led to (checkboxes on the form). */
export const HARM_KINDS = {
  death: 'Patienten dog',
  permanent_injury: 'Patienten fick en bestående skada',
  increased_care: 'Patienten behövde mycket mer vård än innan',
  could_have_been_serious: 'Det hade kunnat leda till en allvarlig skada, men gjorde det inte',
  temporary: 'Patienten fick en skada eller besvär som gick över',
  none_or_unknown: 'Ingen skada, eller jag vet inte',
} as const;
export type HarmKind = keyof typeof HARM_KINDS;

export interface ComplaintTriageRules {
  version: string;
  seriousHarm: { kinds: readonly HarmKind[]; legalBasis: string };
  oldEvent: { maxAgeYears: number; legalBasis: string };
  referral: { legalBasis: string };
}

export const COMPLAINT_TRIAGE_RULES: ComplaintTriageRules = {
  /** Changes when the rules change, so a stored recommendation says which rules made it. */
  version: '2026-11-23',
  seriousHarm: {
    /**
     * Events that led or could have led to permanent harm that is not minor, a considerably increased need of
     * care, or death are investigated.
     */
    kinds: ['death', 'permanent_injury', 'increased_care', 'could_have_been_serious'],
    legalBasis: 'PSL 7 kap. 10 § (law, verify)',
  },
  oldEvent: {
    /** An event further back than this may be left uninvestigated unless there are special reasons. */
    maxAgeYears: 2,
    legalBasis: 'PSL 7 kap. 11 § (law, verify)',
  },
  referral: {
    legalBasis: 'PSL 7 kap. 10–11 §§ (law, verify)',
  },
};

export type ComplaintOutcome = 'investigate' | 'needs_special_reasons' | 'refer_to_provider';

export const OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  investigate: 'Utred klagomålet',
  needs_special_reasons: 'Utred bara om det finns särskilda skäl',
  refer_to_provider: 'Lämna över klagomålet till vårdgivaren',
};

export interface TriageReason {
  rule: 'serious_harm' | 'old_event' | 'not_serious';
  text: string;
  legalBasis: string;
}

export interface ComplaintRecommendation {
  outcome: ComplaintOutcome;
  label: string;
  reasons: TriageReason[];
  rulesVersion: string;
  /** Always false: the case officer decides. */
  isDecision: false;
  evaluatedOn: string;
}

export interface ComplaintFacts {
  /** 'YYYY-MM-DD' */
  eventDate: string;
  harmKinds: HarmKind[];
}

/** The date `years` years before an ISO date (29 February falls back to 28 February). */
function yearsBefore(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y - years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** Runs the rules over a complaint received on `today` ('YYYY-MM-DD'). */
export function recommendComplaintHandling(facts: ComplaintFacts, today: string, rules: ComplaintTriageRules = COMPLAINT_TRIAGE_RULES): ComplaintRecommendation {
  const reasons: TriageReason[] = [];
  const seriousKinds = facts.harmKinds.filter((k) => rules.seriousHarm.kinds.includes(k));
  const isSerious = seriousKinds.length > 0;
  const cutOff = yearsBefore(today, rules.oldEvent.maxAgeYears);
  const isOld = facts.eventDate < cutOff;

  if (isOld) {
    reasons.push({
      rule: 'old_event',
      text: `Händelsen (${facts.eventDate}) ligger mer än ${rules.oldEvent.maxAgeYears} år tillbaka i tiden (före ${cutOff}). Ett sådant klagomål behöver bara utredas om det finns särskilda skäl.`,
      legalBasis: rules.oldEvent.legalBasis,
    });
  }
  if (isSerious) {
    const what = seriousKinds.map((k) => HARM_KINDS[k].toLocaleLowerCase('sv')).join('; ');
    reasons.push({
      rule: 'serious_harm',
      text: `Den som klagar uppger en allvarlig följd: ${what}. Allvarliga händelser ska utredas${isOld ? ', och det kan vara ett särskilt skäl att utreda trots att händelsen är gammal' : ''}. Bedöm om uppgiften stämmer.`,
      legalBasis: rules.seriousHarm.legalBasis,
    });
  } else {
    reasons.push({
      rule: 'not_serious',
      text: 'Den som klagar uppger ingen död, bestående skada, kraftigt ökat vårdbehov eller risk för allvarlig skada. Sådana klagomål lämnas normalt över till vårdgivaren, om inte beskrivningen visar något allvarligare.',
      legalBasis: rules.referral.legalBasis,
    });
  }

  const outcome: ComplaintOutcome = isOld ? 'needs_special_reasons' : isSerious ? 'investigate' : 'refer_to_provider';
  return { outcome, label: OUTCOME_LABELS[outcome], reasons, rulesVersion: rules.version, isDecision: false, evaluatedOn: today };
}
