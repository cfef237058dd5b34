import { describe, expect, it } from 'vitest';
import { addMonths, checkNotificationTiming, NOTIFICATION_PERIOD_MONTHS } from './notification-rules.ts';

describe('addMonths', () => {
  it('moves by calendar months and keeps the day where it can', () => {
    expect(addMonths('2025-03-15', 1)).toBe('2025-04-15');
    expect(addMonths('2025-03-15', -1)).toBe('2025-02-15');
    expect(addMonths('2025-12-10', 1)).toBe('2026-01-10');
    expect(addMonths('2025-01-10', -1)).toBe('2024-12-10');
  });
  it('ends on the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });
});

describe('the one-month rule of the healthcare provider register', () => {
  it('is one month', () => {
    expect(NOTIFICATION_PERIOD_MONTHS).toBe(1);
  });

  it('accepts a new operation notified at least one month before it starts', () => {
    expect(checkNotificationTiming({ kind: 'new', eventDate: '2025-06-01', receivedOn: '2025-05-01' })).toBeNull();
    expect(checkNotificationTiming({ kind: 'new', eventDate: '2025-06-01', receivedOn: '2025-03-20' })).toBeNull();
  });

  it('warns when a new operation is notified less than one month before it starts', () => {
    const warning = checkNotificationTiming({ kind: 'new', eventDate: '2025-06-01', receivedOn: '2025-05-02' });
    expect(warning).toMatchObject({ rule: 'new_too_late', deadline: '2025-05-01' });
    expect(warning!.message).toBe(
      'För sent anmäld: en ny verksamhet ska anmälas senast en månad innan den startar, alltså senast 2025-05-01. Anmälan kom in 2025-05-02, 30 dagar före start (2025-06-01).',
    );
  });

  it('warns, and says so, when a new operation is notified after it started', () => {
    const warning = checkNotificationTiming({ kind: 'new', eventDate: '2025-06-01', receivedOn: '2025-06-11' });
    expect(warning!.message).toContain('10 dagar efter start');
    expect(checkNotificationTiming({ kind: 'new', eventDate: '2025-06-01', receivedOn: '2025-06-01' })!.message).toContain('samma dag som starten');
  });

  it('accepts a change or closure notified within one month after it happened', () => {
    expect(checkNotificationTiming({ kind: 'change', eventDate: '2025-06-01', receivedOn: '2025-07-01' })).toBeNull();
    expect(checkNotificationTiming({ kind: 'closure', eventDate: '2025-06-01', receivedOn: '2025-06-02' })).toBeNull();
    // Notified before it happened is on time too.
    expect(checkNotificationTiming({ kind: 'closure', eventDate: '2025-06-01', receivedOn: '2025-05-20' })).toBeNull();
  });

  it('warns when a change or closure is notified more than one month after it happened', () => {
    const change = checkNotificationTiming({ kind: 'change', eventDate: '2025-06-01', receivedOn: '2025-07-02' });
    expect(change).toMatchObject({ rule: 'change_too_late', deadline: '2025-07-01' });
    expect(change!.message).toBe(
      'För sent anmäld: en ändring eller flytt ska anmälas inom en månad efter att den skett, alltså senast 2025-07-01. Anmälan kom in 2025-07-02, 31 dagar efter ändringen (2025-06-01).',
    );
    const closure = checkNotificationTiming({ kind: 'closure', eventDate: '2025-01-31', receivedOn: '2025-03-01' });
    expect(closure).toMatchObject({ deadline: '2025-02-28' });
    expect(closure!.message).toContain('en nedläggning ska anmälas inom en månad');
    expect(closure!.message).toContain('29 dagar efter nedläggningen');
  });

  it('takes another period when the rule changes', () => {
    expect(checkNotificationTiming({ kind: 'new', eventDate: '2025-06-01', receivedOn: '2025-04-15' }, 2)!.message).toContain('senast två månader innan');
  });

  it('has no rule for unknown kinds', () => {
    expect(checkNotificationTiming({ kind: 'other', eventDate: '2025-06-01', receivedOn: '2026-06-01' })).toBeNull();
  });
});
