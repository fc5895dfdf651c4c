import { useParams } from 'react-router';
import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';
import { messages } from './messages';

export function PlanDesignerPage() {
  const t = useT(messages);
  const { code } = useParams();
  return <PagePlaceholder title={`${t('planDesignerTitle')} · ${code ?? ''}`} />;
}
