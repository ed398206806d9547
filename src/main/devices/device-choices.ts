import { z } from 'zod';
import { mediaRoleSchema } from '../../shared/contract/devices';
import { deviceIdentitySchema } from './device-identity';

/**
 * One role's device: by the default rule until a technician chooses, whose choice the rule never
 * replaces. A null identity is a technician's "none" for an optional role (no handset, no cabinet
 * speaker): the default rule must not fill it in later.
 */
export const deviceChoiceSchema = z.strictObject({
  identity: deviceIdentitySchema.nullable(),
  chosenBy: z.enum(['default', 'technician']),
});
export type DeviceChoice = z.infer<typeof deviceChoiceSchema>;

export const deviceChoicesSchema = z.partialRecord(mediaRoleSchema, deviceChoiceSchema);
export type DeviceChoices = z.infer<typeof deviceChoicesSchema>;

/** Where the choices live: the kiosk's config store in the app, a variable in tests. */
export interface DeviceChoiceStore {
  read(): DeviceChoices;
  write(choices: DeviceChoices): void;
}
