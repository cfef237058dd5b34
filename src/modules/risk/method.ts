// Every number the risk method uses, in one place, named and explained (docs/risk-method.md says why).
import type { SignalChannel } from '../registry/codes.ts';

/** How a channel's signals enter the score. */
export type SignalStream =
  /** Information from outside the unit (public, other authorities): the change scan and the peer funnels. */
  | 'external'
  /** The provider's own reports of serious events (lex Maria, lex Sarah): a sign of a working safety culture. */
  | 'provider'
  /** Not about how the unit is doing right now (unexecuted municipal decisions; inspection findings are read from inspections). */
  | 'none';

export interface ChannelRule {
  stream: SignalStream;
  /**
   * How much more likely a signal from this channel is at a deteriorating unit than at a normal one, relative
   * to the average signal (expert judgement; renormalised so the national average signal weighs 1).
   */
  likelihoodRatio: number;
  /** Swedish noun, singular and plural, for the explanations. */
  label: [string, string];
}

export const CHANNEL_RULES: Record<SignalChannel, ChannelRule> = {
  tip: { stream: 'external', likelihoodRatio: 1.0, label: ['tips', 'tips'] },
  child_line: { stream: 'external', likelihoodRatio: 1.3, label: ['samtal till Barn- och ungdomslinjen', 'samtal till Barn- och ungdomslinjen'] },
  complaint: { stream: 'external', likelihoodRatio: 1.0, label: ['klagomål', 'klagomål'] },
  inquiry: { stream: 'external', likelihoodRatio: 0.7, label: ['samtal till upplysningstjänsten', 'samtal till upplysningstjänsten'] },
  police: { stream: 'external', likelihoodRatio: 1.3, label: ['polisanmälan', 'polisanmälningar'] },
  work_environment: { stream: 'external', likelihoodRatio: 1.2, label: ['signal från Arbetsmiljöverket', 'signaler från Arbetsmiljöverket'] },
  media: { stream: 'external', likelihoodRatio: 1.2, label: ['mediauppgift', 'mediauppgifter'] },
  other: { stream: 'external', likelihoodRatio: 0.7, label: ['övrig signal', 'övriga signaler'] },
  lex_maria: { stream: 'provider', likelihoodRatio: 0, label: ['lex Maria-anmälan', 'lex Maria-anmälningar'] },
  lex_sarah: { stream: 'provider', likelihoodRatio: 0, label: ['lex Sarah-rapport', 'lex Sarah-rapporter'] },
  unexecuted_decision: { stream: 'none', likelihoodRatio: 0, label: ['ej verkställt beslut', 'ej verkställda beslut'] },
  inspection_finding: { stream: 'none', likelihoodRatio: 0, label: ['inspektionsiakttagelse', 'inspektionsiakttagelser'] },
};

/**
 * Likelihood ratio of a signal's severity (1 minor … 4 death, permanent harm or serious abuse): serious events
 * are more telling. Unknown severity counts as 2. Renormalised nationally together with the channel ratio.
 */
export const SEVERITY_LIKELIHOOD_RATIO: Record<1 | 2 | 3 | 4, number> = { 1: 0.5, 2: 1.0, 3: 1.6, 4: 2.5 };
export const UNKNOWN_SEVERITY = 2;
/** Signals of this severity or above are "allvarliga" (serious). */
export const SERIOUS_SEVERITY = 3;

export const METHOD = {
  /** Weeks of signal history the scan looks at (five years). */
  horizonWeeks: 260,
  /** Weeks behind the national rates, the time profile and the shrinkage: the two years before the as-of date. */
  referenceWeeks: 104,
  /** Size bands within a form (quintiles of size among the form's open units). */
  sizeBands: 5,
  /** The rise a change scan and CUSUM look for: a tripling of the unit's own rate. */
  changeMultiplier: 3,
  /** The Poisson CUSUM that raises alarms runs over the last year, with the in-control rate from before it. */
  cusumWeeks: 52,
  /** National false-alarm budget: about this many new CUSUM alarms a week across the country. */
  alarmsPerWeek: 20,
  /** The peer funnel for all external signals looks at the last 26 weeks. */
  peerWindowWeeks: 26,
  /**
   * Severity and recency in the CMS manner: age bands (weeks) and their weights ½, ⅓, ⅙ for serious signals
   * in the last year.
   */
  recencyBands: [
    { fromWeek: 0, toWeek: 13, weight: 1 / 2 },
    { fromWeek: 13, toWeek: 26, weight: 1 / 3 },
    { fromWeek: 26, toWeek: 52, weight: 1 / 6 },
  ],
  /** Winsorising of z-scores when estimating the between-unit variance τ². */
  winsor: 0.1,
  /** τ² is estimated from units expecting at least this many signals (the square-root scale needs it). */
  tauMinExpected: 1,
  /** An acute signal this recent lifts the unit regardless of its score. */
  acuteTriggerDays: 14,
  /** Acute signals in this window count in the score. */
  acuteWindowDays: 90,
  /** Inspection findings count for three years, in the age bands (months) and weights below. */
  inspectionBands: [
    { fromMonth: 0, toMonth: 12, weight: 1 / 2 },
    { fromMonth: 12, toMonth: 24, weight: 1 / 3 },
    { fromMonth: 24, toMonth: 36, weight: 1 / 6 },
  ],
  /** Points for an inspection's decision; deficiencies add `pointsPerDeficiency` each, up to `maxDeficiencies`. */
  outcomePoints: { no_remarks: 0, criticism: 1, demand_actions: 2, injunction: 4, ban: 6, revocation: 6 } as Record<string, number>,
  pointsPerDeficiency: 0.5,
  maxDeficiencies: 8,
  /** Time since the last inspection counts from this many years, one point a year up to `maxOverdueYears`. */
  overdueAfterYears: 3,
  maxOverdueYears: 5,
  /** Indicators: EWMA smoothing over the periods of the last year against the unit's own earlier level. */
  ewmaLambda: 0.5,
  indicatorRecentDays: 365,
  /** Indicator history used at all (five years). */
  indicatorHistoryDays: 5 * 365,
  /**
   * The 0–1 scale: score = raw / (raw + scoreHalfAt). 0.5 at raw = ln 99 ≈ 4.6: were the raw score an exact
   * log-likelihood ratio, the evidence at which a unit with a 1 % prior is as likely deteriorating as not.
   */
  scoreHalfAt: Math.log(99),
  /**
   * Units lifted by a hard trigger get at least this score: the level of the roughly 1 % of units with the
   * strongest evidence (raw ≈ 7), so a triggered unit is always among those flagged nationally, without
   * pushing aside the units with overwhelming evidence. Triggered units are also marked (`triggers`).
   */
  triggerScoreFloor: 0.6,
  /** Contributions smaller than this (weight × value) give no reason sentence. */
  reasonThreshold: 0.5,
  /** At most this many reasons per unit (hard triggers always shown). */
  maxReasons: 4,
} as const;

/**
 * The score: raw = Σ weight × value. Every weight is non-negative; every value is oriented so that larger
 * means more risk, except the capped reporting credit (value in [−1, 0]). Values are on an evidence scale:
 * log-likelihood ratios (nats) or z-scores (positive parts).
 */
export const WEIGHTS = {
  /** Self-starting Poisson–gamma change scan (log-likelihood ratio of a k-fold rise). */
  change: 1,
  /** Over-dispersed funnel z of external signals, last 26 weeks, against peers of the same form and size. */
  signals_vs_peers: 0.5,
  /** Over-dispersed funnel z of serious signals, CMS-weighted by age, against peers. */
  serious_vs_peers: 0.5,
  /** EWMA of indicators' declines against the unit's own earlier level (summed over the unit's indicators). */
  indicator_trend: 2,
  /** Over-dispersed funnel z of the latest indicator value against the national level (largest). */
  indicator_level: 0.2,
  /** Inspection findings and decisions of the last three years, CMS-weighted by age. */
  inspection_findings: 0.4,
  /** Years beyond three since the last inspection (or since the unit opened). */
  inspection_overdue: 0.2,
  /** A permit currently banned, revoked, stayed (inhibition) or with a revocation under appeal. */
  permit_status: 4,
  /** Serious permit decisions earlier in the unit's history. */
  permit_history: 1,
  /** Acute signals in the last 90 days. */
  acute_signals: 2,
  /** Provider reports (lex Maria, lex Sarah) at or above the expected level: a small credit. */
  reporting_culture: 0.3,
} as const;

export type ContributionCode = keyof typeof WEIGHTS;

export const SEVERE_PERMIT_STATUSES = ['banned', 'revoked', 'inhibition', 'appeal_pending'] as const;
