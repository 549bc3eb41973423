/**
 * The SOP: an emergency's retrospective is documented within 48 hours of its
 * production deploy. Every sentence that names the deadline derives from
 * these, so that a company that changes it changes one number.
 */

/** The deadline in hours. @public */
export const RETROSPECTIVE_DUE_HOURS = 48;

/** The deadline as an exact duration, not two calendar days. @public */
export const RETROSPECTIVE_DUE_MS = RETROSPECTIVE_DUE_HOURS * 3_600_000;

/** The deadline for sentences: "48 hours". @public */
export const RETROSPECTIVE_DUE_WORDS = `${RETROSPECTIVE_DUE_HOURS} hours`;
