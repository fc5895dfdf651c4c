import { useParams } from 'react-router';
import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';
import { messages } from './messages';

export function PublicUnitPage() {
  const t = useT(messages);
  const { id, unit } = useParams();
  return <PagePlaceholder title={`${t('publicUnitTitle')} · ${id ?? ''} / ${unit ?? ''}`} />;
}
