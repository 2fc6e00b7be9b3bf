export type FundingErrorCode =
  | 'funding_invalid'
  | 'funding_no_campaign'
  | 'funding_campaign_not_found'
  | 'funding_entry_not_found'
  | 'funding_not_reversible'
  | 'funding_already_reversed'
  | 'funding_currency_mismatch'
  | 'funding_not_configured'
  | 'funding_provider_error'
  | 'funding_rejected'
  | 'webhook_signature_invalid';

/** Coded errors of the funding area; http/errors.ts maps codes to statuses and messages. */
export class FundingError extends Error {
  constructor(
    readonly code: FundingErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
