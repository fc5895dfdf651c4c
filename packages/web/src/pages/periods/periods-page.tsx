import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';

/** 考核周期: the office opens and closes periods, sets deadlines, and keeps the holiday calendar. */
export function PeriodsPage() {
  const t = useT();
  return <PagePlaceholder title={t('navPeriods')} />;
}
