import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/**
 * One reading of a page's WebRTC totals over its open peer connections (`watchPeerConnections`):
 * what it receives of the other side's video and audio, and what its own encoder sends.
 */
export interface RtpReading {
  at: number;
  received: {
    framesDecoded: number;
    /** The received picture's height now; 0 while no video is decoded. */
    frameHeight: number;
    freezeCount: number;
    totalFreezesDuration: number;
    concealedSamples: number;
    totalSamplesReceived: number;
  };
  sent: {
    framesEncoded: number;
    frameHeight: number;
    bytesSent: number;
    totalEncodeTime: number;
    /** The encoder's own word for what limits it now: none, cpu, bandwidth or other. */
    qualityLimitationReason: string;
    /** Seconds spent under each reason since the stream began. */
    qualityLimitationDurations: Record<string, number>;
  };
}

export function readRtp(page: Page): Promise<RtpReading> {
  return page.evaluate(async () => {
    type Entry = Record<string, unknown> & { type: string; kind?: string; mid?: string };
    const reading = {
      at: Date.now(),
      received: {
        framesDecoded: 0,
        frameHeight: 0,
        freezeCount: 0,
        totalFreezesDuration: 0,
        concealedSamples: 0,
        totalSamplesReceived: 0,
      },
      sent: {
        framesEncoded: 0,
        frameHeight: 0,
        bytesSent: 0,
        totalEncodeTime: 0,
        qualityLimitationReason: 'none',
        qualityLimitationDurations: {} as Record<string, number>,
      },
    };
    const number = (entry: Entry, field: string): number => {
      const value = entry[field];
      return typeof value === 'number' ? value : 0;
    };
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((entry: Entry) => {
        // mediasoup-client's bandwidth probe is an inbound video stream that never decodes.
        if (entry.type === 'inbound-rtp' && entry.mid !== 'probator') {
          const received = reading.received;
          if (entry.kind === 'audio') {
            received.concealedSamples += number(entry, 'concealedSamples');
            received.totalSamplesReceived += number(entry, 'totalSamplesReceived');
          } else if (entry.kind === 'video') {
            received.framesDecoded += number(entry, 'framesDecoded');
            received.frameHeight = Math.max(received.frameHeight, number(entry, 'frameHeight'));
            received.freezeCount += number(entry, 'freezeCount');
            received.totalFreezesDuration += number(entry, 'totalFreezesDuration');
          }
        }
        if (entry.type === 'outbound-rtp' && entry.kind === 'video') {
          const sent = reading.sent;
          sent.framesEncoded += number(entry, 'framesEncoded');
          sent.frameHeight = Math.max(sent.frameHeight, number(entry, 'frameHeight'));
          sent.bytesSent += number(entry, 'bytesSent');
          sent.totalEncodeTime += number(entry, 'totalEncodeTime');
          if (typeof entry['qualityLimitationReason'] === 'string')
            sent.qualityLimitationReason = entry['qualityLimitationReason'];
          const durations = entry['qualityLimitationDurations'];
          if (typeof durations === 'object' && durations !== null) {
            for (const [reason, seconds] of Object.entries(durations as Record<string, number>))
              sent.qualityLimitationDurations[reason] = (sent.qualityLimitationDurations[reason] ?? 0) + seconds;
          }
        }
      });
    }
    return reading;
  });
}

/** The machine's CPU counters (`/proc/stat`, all cores), for the share of it busy over a window. */
export interface CpuReading {
  busy: number;
  total: number;
}

export function readCpu(): CpuReading {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait
  const idle = fields[3]! + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

export function busyPercent(from: CpuReading, to: CpuReading): number {
  return to.total === from.total ? 0 : (100 * (to.busy - from.busy)) / (to.total - from.total);
}

/** The one-minute load average now. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
