import { randomUUID } from 'node:crypto';

// A form's submission id: a random UUID put in the form when it is opened, so that sending it twice (a double
// click, the back button, two sends at once) can lead to what the first send made instead of making another.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id a form was sent with (lower case), or a new one for a form sent without a valid id (nothing to match). */
export function submissionIdOf(sent: string): string {
  const id = sent.toLowerCase();
  return UUID.test(id) ? id : randomUUID();
}
