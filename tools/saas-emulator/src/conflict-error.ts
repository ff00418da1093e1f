import { RelayError } from '@relay/errors';

/** An admin call that contradicts the current state, e.g. adding an SDK key that already exists (409). */
export class ConflictError extends RelayError {}
