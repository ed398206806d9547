import { z } from 'zod';

const usbId = z.number().int().min(0).max(0xffff);
const keyName = z.string().min(1).max(32);

/** Which hook source the kiosk has, as provisioned; validated wherever it is read from the store. */
export const hookSourceConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hid'), vendorId: usbId, productId: usbId }).strict(),
  z.object({ kind: z.literal('keyboard'), liftKey: keyName, hangUpKey: keyName }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
]);

export type HookSourceConfig = z.infer<typeof hookSourceConfigSchema>;
