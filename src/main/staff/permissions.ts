import type { StaffActionType, StaffRole } from '../../shared/protocol/staff';

/**
 * Actions taken only at the kiosk's own staff panel, never sent by the server or a console: choosing
 * the kiosk's devices needs the devices in front of you.
 */
export type PanelOnlyActionType = 'change_devices';
export type KioskStaffActionType = StaffActionType | PanelOnlyActionType;

const panelOnly: ReadonlySet<KioskStaffActionType> = new Set<PanelOnlyActionType>(['change_devices']);

/**
 * Actions taken only from the console, never at the kiosk's own panel: a reboot is for a kiosk
 * nobody stands at (staff at the wall restart the app, and have the machine's own power button).
 */
const consoleOnly: ReadonlySet<KioskStaffActionType> = new Set<StaffActionType>(['reboot']);

/** Where an action comes from: the kiosk's staff panel, or the console (and the server's admin API). */
export type ActionSource = 'kiosk' | 'console';

/**
 * What each role may do at a kiosk; anything not listed is refused (`not_permitted`). Officers keep
 * custody, so ending a visit and locking are theirs; technicians take a kiosk out of service to
 * repair it, reset a stuck one and change its devices. Both may reboot one, as both may restart its
 * app: the officer at the desk is who sees a frozen kiosk first (sparing a technician's walk is the
 * point), and repairing machines is the technician's job.
 */
const permitted: Record<StaffRole, ReadonlySet<KioskStaffActionType>> = {
  officer: new Set([
    'lock',
    'unlock',
    'end_visit',
    'reset',
    'set_out_of_service',
    'set_in_service',
    'show_message',
    'restart_app',
    'reboot',
  ]),
  technician: new Set(['reset', 'set_out_of_service', 'set_in_service', 'restart_app', 'reboot', 'change_devices']),
};

/**
 * `role` null: the server's own admin API, or a console command whose sender the server already
 * checked by role (its `by` names no role); the kiosk trusts its authenticated server for those,
 * but never for a panel-only action, which only a signed-in role may take. A console-only action is
 * refused at the panel whoever asks.
 */
export function mayPerform(role: StaffRole | null, action: KioskStaffActionType, from: ActionSource): boolean {
  if (from === 'kiosk' && consoleOnly.has(action)) return false;
  if (role === null) return !panelOnly.has(action);
  return permitted[role].has(action);
}

/**
 * The technician's own tools at the kiosk, beyond the shared staff actions. Only technicians look
 * inside a kiosk: officers keep custody, not the machine.
 */
export type TechnicianTool = 'diagnostics' | 'decommission' | 'move' | 'media_check';

const tools: Record<StaffRole, ReadonlySet<TechnicianTool>> = {
  officer: new Set(),
  technician: new Set(['diagnostics', 'decommission', 'move', 'media_check']),
};

/** Deny by default: a tool not listed for the role is refused. */
export function mayUseTool(role: StaffRole, tool: TechnicianTool): boolean {
  return tools[role].has(tool);
}

/** Who asks for a technician's tool at the panel, and whether a visit is under way there now. */
export interface AtPanel {
  staffId: string;
  role: StaffRole;
  inVisit: boolean;
}
