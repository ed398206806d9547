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

/**
 * The install-time form of the setting (`KIOSK_HOOK_SOURCE`), for a unit file or a bench:
 * `hid:<vendor>:<product>` in hex as `lsusb` prints them, `keyboard:<lift key>:<hang-up key>`, or
 * `none`. The store's choice, once a technician makes one, wins over it.
 */
export const hookSourceSettingSchema = z.string().transform((text, context) => {
  const [kind, first, second, ...rest] = text.split(':');
  const candidate =
    kind === 'hid' && rest.length === 0
      ? { kind, vendorId: hexId(first), productId: hexId(second) }
      : kind === 'keyboard' && rest.length === 0
        ? { kind, liftKey: first, hangUpKey: second }
        : text === 'none'
          ? { kind }
          : undefined;
  const parsed = hookSourceConfigSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  context.addIssue({ code: 'custom', message: 'hid:<vendor hex>:<product hex>, keyboard:<lift>:<hang-up>, or none' });
  return z.NEVER;
});

function hexId(text: string | undefined): number {
  return text !== undefined && /^[0-9a-f]{4}$/i.test(text) ? Number.parseInt(text, 16) : Number.NaN;
}
