import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';

/** Third-party evaluation, inspection and survey values, each entered by its own role as its own source. */
export function SourcesPage() {
  const t = useT();
  return <PagePlaceholder title={t('navSources')} />;
}
