import { useParams } from 'react-router';
import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';
import { messages } from './messages';

export function PublicResultPage() {
  const t = useT(messages);
  const { id } = useParams();
  return <PagePlaceholder title={`${t('publicResultTitle')} · ${id ?? ''}`} />;
}
