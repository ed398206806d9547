import type { StaffRole } from '../../src/shared/protocol/staff';

/** What the console offers beyond the staff actions (whose roles the kiosk itself decides). */
export type ConsoleTool = 'media_check' | 'update_channel';

/**
 * Deny by default: a tool not listed for the role is refused. The network check is for both roles,
 * as restarting a kiosk's app is: the officer at the desk sees a kiosk in trouble first, and it
 * cuts nothing (an idle kiosk only). A unit's update channel is the facility's choice of which
 * unit's inmates try a new version first, a decision about people's visits, so officers make it;
 * technicians mend kiosks one at a time, where they stand.
 */
const tools: Record<StaffRole, ReadonlySet<ConsoleTool>> = {
  officer: new Set(['media_check', 'update_channel']),
  technician: new Set(['media_check']),
};

export function mayUseConsoleTool(role: StaffRole, tool: ConsoleTool): boolean {
  return tools[role].has(tool);
}
