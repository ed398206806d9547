import { consolePagePath } from '../../src/shared/protocol/console';
import { demo } from './seed';

/** The one line a developer needs on start: where the server is and, with `--demo`, how to use the demo. */
export function demoSummary(url: string, adminToken: string, adminTokenGenerated: boolean, seeded: boolean): string {
  const link = (code: string): string => `${url}/visit/${code}`;
  return [
    `Visitation server at ${url}`,
    `officer console ${url}${consolePagePath}`,
    ...(seeded
      ? [
          `kiosk enrolment code ${demo.enrolmentCode}`,
          `inmate ${demo.inmate.id} PIN ${demo.inmate.pin}`,
          `officer staff number ${demo.officer.staffNumber} PIN ${demo.officer.pin}`,
          `technician staff number ${demo.technician.staffNumber} PIN ${demo.technician.pin}`,
          `visitor links: now ${link(demo.visits.now.visitorCode)}, legal ${link(demo.visits.legal.visitorCode)}, later ${link(demo.visits.later.visitorCode)}`,
        ]
      : ['no demo data (start with --demo or VISITATION_DEMO=1 for it)']),
    ...(adminTokenGenerated ? [`admin token ${adminToken}`] : []),
  ].join(' | ');
}
