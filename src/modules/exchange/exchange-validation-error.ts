import { UsageError } from '../../platform/cli-errors.ts';

/** One wrong thing on one line of an exchange file. `line` is 1-based; `field` is the JSON field name. */
export interface ExchangeIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

const LISTED_ISSUES = 50;

export function formatIssue(issue: ExchangeIssue): string {
  return `${issue.file}:${issue.line}:${issue.field}: ${issue.message}`;
}

/**
 * The import was refused because of bad input; nothing was written. A UsageError, so the command line
 * exits with status 2. The message is one line (the command-line contract) naming the problems as
 * `file:line:field: message`, separated by semicolons.
 */
export class ExchangeValidationError extends UsageError {
  /** The problems found, in file and line order (at most the first few thousand are kept). */
  readonly issues: ExchangeIssue[];
  readonly issueCount: number;

  constructor(dir: string, issues: ExchangeIssue[], issueCount = issues.length) {
    const listed = issues.slice(0, LISTED_ISSUES).map(formatIssue);
    if (issueCount > listed.length) listed.push(`and ${issueCount - listed.length} more`);
    const noun = issueCount === 1 ? 'error' : 'errors';
    super(`Import from ${dir} refused, nothing was written: ${issueCount} ${noun}: ${listed.join('; ')}`);
    this.name = 'ExchangeValidationError';
    this.issues = issues;
    this.issueCount = issueCount;
  }
}
