import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  certificateFingerprintSchema,
  serverAddressSchema,
  type ProvisioningFileIssue,
  type ProvisioningFileProblem,
} from '../../shared/contract/setup';
import { housingUnitIdSchema } from '../../shared/protocol/common';
import { setupCodeSignInRequestSchema, kioskLocationSchema } from '../../shared/protocol/setup';

/** Where an installed image keeps it; a USB stick's mount point is set with `KIOSK_PROVISIONING_DIR`. */
export const defaultProvisioningDir = '/etc/visitation-kiosk';
export const provisioningFileName = 'kiosk-provisioning.json';
/** Far more than the five fields need: anything bigger is not a provisioning file. */
export const maxProvisioningFileBytes = 16 * 1024;

/**
 * A fleet's zero-touch provisioning file: each field fills in the first-boot step it covers, and a
 * step it does not cover is done by hand. The server is checked as a typed address is, its
 * certificate compared with `certificateFingerprint`; the enrolment code takes the technician's
 * sign-in; the unit and location the placement.
 */
export const provisioningFileSchema = z
  .strictObject({
    serverAddress: serverAddressSchema.optional(),
    certificateFingerprint: certificateFingerprintSchema.optional(),
    enrolmentCode: setupCodeSignInRequestSchema.shape.code.optional(),
    housingUnit: housingUnitIdSchema.optional(),
    location: kioskLocationSchema.optional(),
  })
  .superRefine((file, context) => {
    const problem = (field: string, kind: ProvisioningFileProblem) =>
      context.addIssue({ code: 'custom', path: [field], message: kind, params: { problem: kind } });
    if (Object.values(file).every((value) => value === undefined)) problem('', 'empty');
    if (file.certificateFingerprint !== undefined && file.serverAddress === undefined) {
      problem('serverAddress', 'missing');
    }
    if (file.certificateFingerprint !== undefined && /^\s*http:/i.test(file.serverAddress ?? '')) {
      problem('certificateFingerprint', 'fingerprint_without_https');
    }
    if (file.housingUnit !== undefined && file.location === undefined) problem('location', 'missing');
    if (file.location !== undefined && file.housingUnit === undefined) problem('housingUnit', 'missing');
  });
export type ProvisioningFile = z.infer<typeof provisioningFileSchema>;

export type ProvisioningFileRead =
  | { kind: 'none' }
  | { kind: 'invalid'; path: string; issues: ProvisioningFileIssue[] }
  | { kind: 'alreadyApplied'; path: string }
  /** `hash`: the SHA-256 of its bytes, stored once setup is done so it is not applied again. */
  | { kind: 'valid'; path: string; file: ProvisioningFile; hash: string };

/**
 * Reads the provisioning file in `dir`, if there is one, whole or not at all: a malformed file comes
 * back as the fields that are wrong and nothing of it is used. A file whose hash is `appliedHash`
 * is one this kiosk already finished setup with.
 */
export function readProvisioningFile(dir: string, appliedHash: string | undefined): ProvisioningFileRead {
  const path = join(dir, provisioningFileName);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No file (or no folder: no stick plugged in) is the usual case, not a fault.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'none' };
    return invalid(path, '', 'unreadable');
  }
  if (bytes.length > maxProvisioningFileBytes) return invalid(path, '', 'too_large');
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash === appliedHash) return { kind: 'alreadyApplied', path };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return invalid(path, '', 'not_json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return invalid(path, '', 'empty');
  const parsed = provisioningFileSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', path, issues: describeFileIssues(parsed.error) };
  return { kind: 'valid', path, file: parsed.data, hash };
}

function invalid(path: string, field: string, problem: ProvisioningFileProblem): ProvisioningFileRead {
  return { kind: 'invalid', path, issues: [{ field, problem }] };
}

/** Each wrong field by name, in words the setup screen translates: never zod's English messages. */
function describeFileIssues(error: z.ZodError): ProvisioningFileIssue[] {
  const issues = error.issues.flatMap((issue): ProvisioningFileIssue[] => {
    const field = issue.path.map(String).join('.');
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ field: key.slice(0, 100), problem: 'unknown_field' }));
      case 'invalid_type':
        return [{ field, problem: 'wrong_type' }];
      case 'custom': {
        const problem = (issue.params as { problem?: ProvisioningFileProblem } | undefined)?.problem;
        return [{ field, problem: problem ?? 'invalid_value' }];
      }
      default:
        return [{ field, problem: 'invalid_value' }];
    }
  });
  return issues.slice(0, 20);
}
