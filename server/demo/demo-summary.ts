import { demo } from './seed';

/** The one line a developer needs on start: where the server is and how to use the demo. */
export function demoSummary(url: string, adminToken: string, adminTokenGenerated: boolean): string {
  const link = (code: string): string => `${url}/visit/${code}`;
  return [
    `Visitation server at ${url}`,
    `kiosk enrolment code ${demo.enrolmentCode}`,
    `inmate ${demo.inmate.id} PIN ${demo.inmate.pin}`,
    `visitor links: now ${link(demo.visits.now.visitorCode)}, legal ${link(demo.visits.legal.visitorCode)}, later ${link(demo.visits.later.visitorCode)}`,
    ...(adminTokenGenerated ? [`admin token ${adminToken}`] : []),
  ].join(' | ');
}
