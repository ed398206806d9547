import { useEffect, useMemo, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  consoleProtocol,
  type AuditEntry,
  type ConsoleKiosk,
  type ConsoleSnapshot,
} from '../../../src/shared/protocol/console';
import { readHandshakeError } from '../../../src/shared/protocol/handshake';
import type { RpcLog } from '../../../src/shared/protocol/rpc';
import { createRpcClient, type RpcClient } from '../../../src/shared/protocol/rpc-client';

export type ConsoleRpc = RpcClient<typeof consoleProtocol>;
export type Connection = 'connecting' | 'live' | 'lost';

const log: RpcLog = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

/** How many audit entries the page keeps as new ones stream in. */
const shownAuditEntries = 100;

/**
 * The console's live view: one socket to `/console`, a snapshot at each (re)connection, then
 * the server's events applied to it. No polling: everything that changes is pushed.
 */
export function useConsole(session: string, onSessionEnded: () => void) {
  const [snapshot, setSnapshot] = useState<ConsoleSnapshot | undefined>();
  const [connection, setConnection] = useState<Connection>('connecting');
  const ended = useRef(onSessionEnded);
  useEffect(() => {
    ended.current = onSessionEnded;
  }, [onSessionEnded]);

  const socket: Socket = useMemo(
    () => io(`${location.origin}${consoleProtocol.namespace}`, { auth: { session }, transports: ['websocket'] }),
    [session],
  );
  const rpc: ConsoleRpc = useMemo(() => createRpcClient(socket, consoleProtocol, log), [socket]);

  useEffect(() => {
    const loadSnapshot = async (): Promise<void> => {
      const result = await rpc.request('console.snapshot', {});
      if (result.ok) {
        setSnapshot(result.result);
        setConnection('live');
      } else if (result.error.code === 'unauthenticated') {
        ended.current();
      }
    };
    socket.on('connect', () => void loadSnapshot());
    socket.on('disconnect', () => setConnection('lost'));
    socket.on('connect_error', (error) => {
      if (readHandshakeError(error)?.code === 'unauthenticated') ended.current();
      else setConnection('lost');
    });
    const stops = [
      rpc.on('kiosk.changed', (kiosk) => setSnapshot((current) => current && withKiosk(current, kiosk))),
      rpc.on('visits.changed', ({ visits }) => setSnapshot((current) => current && { ...current, visits })),
      rpc.on('audit.added', (entry) => setSnapshot((current) => current && withAudit(current, entry))),
      rpc.on('offlineCodes.changed', ({ housingUnitId, offlineCodes }) =>
        setSnapshot(
          (current) =>
            current && {
              ...current,
              housingUnits: current.housingUnits.map((unit) =>
                unit.id === housingUnitId ? { ...unit, offlineCodes } : unit,
              ),
            },
        ),
      ),
      rpc.on('updateChannel.changed', ({ housingUnitId, channel }) =>
        setSnapshot(
          (current) =>
            current && {
              ...current,
              housingUnits: current.housingUnits.map((unit) =>
                unit.id === housingUnitId ? { ...unit, updateChannel: channel } : unit,
              ),
            },
        ),
      ),
      rpc.on('session.ended', () => ended.current()),
    ];
    return () => {
      for (const stop of stops) stop();
      socket.removeAllListeners();
      socket.close();
    };
  }, [socket, rpc]);

  return { snapshot, connection, rpc };
}

function withKiosk(snapshot: ConsoleSnapshot, kiosk: ConsoleKiosk): ConsoleSnapshot {
  return {
    ...snapshot,
    housingUnits: snapshot.housingUnits.map((unit) => {
      if (unit.id !== kiosk.housingUnitId) return unit;
      const known = unit.kiosks.some((candidate) => candidate.kioskId === kiosk.kioskId);
      const kiosks = known
        ? unit.kiosks.map((candidate) => (candidate.kioskId === kiosk.kioskId ? kiosk : candidate))
        : [...unit.kiosks, kiosk];
      return { ...unit, kiosks };
    }),
  };
}

function withAudit(snapshot: ConsoleSnapshot, entry: AuditEntry): ConsoleSnapshot {
  if (snapshot.audit.some((known) => known.id === entry.id)) return snapshot;
  return { ...snapshot, audit: [entry, ...snapshot.audit].slice(0, shownAuditEntries) };
}
