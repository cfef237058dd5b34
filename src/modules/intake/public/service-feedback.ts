import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { FEEDBACK_SERVICE_NAMES, FEEDBACK_SERVICES, type FeedbackService } from './channels.ts';

// Feedback on the e-services themselves (seed 002 §3.1): a rating and a comment, deliberately not linked to
// the tip or complaint it followed, and dated by day only, so it cannot point back to a sender.

export const FEEDBACK_COMMENT_MAX = 2000;

export async function saveServiceFeedback(db: Db, feedback: { service: FeedbackService; rating: number; comment?: string }): Promise<void> {
  await db
    .insertInto('service_feedback')
    .values({ service: feedback.service, rating: feedback.rating, comment: feedback.comment || null })
    .execute();
}

export interface ServiceFeedbackSummary {
  service: string;
  serviceName: string;
  count: number;
  /** Mean rating 1–5, one decimal; null when there is none. */
  meanRating: number | null;
  /** How many gave each rating, index 0 for rating 1. */
  ratings: [number, number, number, number, number];
  latestComments: { date: string; rating: number; comment: string }[];
}

/**
 * For staff: per e-service, how many gave feedback, the mean rating and its spread, and the latest comments.
 * `since` ('YYYY-MM-DD') limits it to recent feedback.
 */
export async function summariseServiceFeedback(db: Db, options: { since?: string; comments?: number } = {}): Promise<ServiceFeedbackSummary[]> {
  const commentsPerService = options.comments ?? 10;
  const counts = await db
    .selectFrom('service_feedback')
    .select(['service', 'rating', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(Boolean(options.since), (q) => q.where('created_at', '>=', options.since!))
    .groupBy(['service', 'rating'])
    .execute();
  const comments = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('service_feedback')
        .select(['service', 'rating', 'comment', 'created_at', 'id', sql<number>`row_number() over (partition by service order by created_at desc, id desc)`.as('rank')])
        .where('comment', 'is not', null)
        .$if(Boolean(options.since), (q) => q.where('created_at', '>=', options.since!))
        .as('c'),
    )
    .select(['service', 'rating', 'comment', 'created_at'])
    .where('rank', '<=', commentsPerService)
    .orderBy('service')
    .orderBy('rank')
    .execute();

  const services = [...new Set<string>([...FEEDBACK_SERVICES, ...counts.map((c) => c.service)])];
  return services.map((service) => {
    const ratings: ServiceFeedbackSummary['ratings'] = [0, 0, 0, 0, 0];
    for (const row of counts) if (row.service === service && row.rating >= 1 && row.rating <= 5) ratings[row.rating - 1] += Number(row.n);
    const count = ratings.reduce((a, b) => a + b, 0);
    const sum = ratings.reduce((acc, n, i) => acc + n * (i + 1), 0);
    return {
      service,
      serviceName: FEEDBACK_SERVICE_NAMES[service as FeedbackService] ?? service,
      count,
      meanRating: count > 0 ? Math.round((sum / count) * 10) / 10 : null,
      ratings,
      latestComments: comments
        .filter((c) => c.service === service)
        .map((c) => ({ date: String(c.created_at), rating: c.rating, comment: c.comment ?? '' })),
    };
  });
}
