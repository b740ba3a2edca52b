// Pure domain facts that pages use in their components as well as their loaders (so not a
// *.server module): routes take them from here, never from core/ directly (ADR 001).
export { ROLES, type Role } from '../../core/roles'
export { isoVn, makePeriod } from '../../core/kpi/period'
export { chTime } from '../../core/time'
