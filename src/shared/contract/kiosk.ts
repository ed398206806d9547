import { z } from 'zod';

/** The screens main can put the kiosk in; the renderer draws exactly the one it is told. */
export const kioskScreenSchema = z.enum(['attract', 'signIn']);
export type KioskScreen = z.infer<typeof kioskScreenSchema>;

export const kioskSnapshotSchema = z.strictObject({
  screen: kioskScreenSchema,
  /** Increases with every change so a renderer can drop a stale snapshot that arrives late. */
  revision: z.number().int().nonnegative(),
});
export type KioskSnapshot = z.infer<typeof kioskSnapshotSchema>;

export const hostKindSchema = z.enum(['electron', 'preview']);
export type HostKind = z.infer<typeof hostKindSchema>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: hostKindSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const rendererErrorSchema = z.strictObject({
  message: z.string().max(2000),
  stack: z.string().max(10000).optional(),
});
