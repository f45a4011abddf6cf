/** Why a chitty could not be read; stored on the chitty as its failure reason. */
export type ChittyFailureReason = "not_an_image" | "too_large" | "blank_image" | "no_text" | "no_items" | "empty_text";

/**
 * A permanent failure of one chitty (bad input, not a transient error): the handler records
 * it on the chitty as `failed` with the reason and acknowledges the event; it is never retried.
 */
export class ChittyFailure extends Error {
  constructor(
    readonly reason: ChittyFailureReason,
    message: string,
  ) {
    super(message);
    this.name = "ChittyFailure";
  }
}
