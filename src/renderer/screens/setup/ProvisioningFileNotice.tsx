import { useTranslation } from 'react-i18next';
import type { ProvisioningFileNotice as Notice } from '../../../shared/contract/setup';

/**
 * What became of the provisioning file found at start, above whichever step is on: in use, not
 * applied because of the fields listed, stopped at a step, or already used by this kiosk.
 */
export function ProvisioningFileNotice({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  if (notice.status !== 'invalid') {
    const step = notice.status === 'stopped' ? t(`setup.file.step.${notice.step}`) : '';
    return (
      <p className="setup-result accepted" role="note">
        {t(`setup.file.${notice.status}`, { path: notice.path, step })}
      </p>
    );
  }
  return (
    <div className="setup-result refused" role="alert">
      <p>{t('setup.file.invalid', { path: notice.path })}</p>
      <ul>
        {notice.issues.map((issue) => (
          <li key={`${issue.field}:${issue.problem}`}>
            {issue.field === ''
              ? t(`setup.file.problem.${issue.problem}`)
              : t('setup.file.fieldProblem', { field: issue.field, problem: t(`setup.file.problem.${issue.problem}`) })}
          </li>
        ))}
      </ul>
      <p>{t('setup.file.byHand')}</p>
    </div>
  );
}
