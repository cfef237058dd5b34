import Html from '@kitajs/html';
import { CsrfField } from '../../../platform/web/components.tsx';
import type { AlertStatus } from './risk-alerts.ts';

/**
 * The hidden fields every form acting on an alert carries: the CSRF token, where to come back to, and the
 * status and holder the page showed, so a colleague's change since is refused instead of overwritten.
 */
export function AlertFormFields({ csrfToken, returnTo, alert }: { csrfToken: string; returnTo: string; alert: { status: AlertStatus; handled_by: string | null } }): JSX.Element {
  return (
    <>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="seen" value={alert.status} />
      <input type="hidden" name="seenBy" value={alert.handled_by ?? ''} />
    </>
  );
}
