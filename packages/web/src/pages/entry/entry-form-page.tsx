import { useParams } from 'react-router';
import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';
import { messages } from './messages';

export function EntryFormPage() {
  const t = useT(messages);
  const { plan, period, unit } = useParams();
  return (
    <PagePlaceholder title={`${t('entryFormTitle')} · ${plan ?? ''} / ${period ?? ''} / ${unit ?? ''}`} />
  );
}
