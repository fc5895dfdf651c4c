import { useT } from '../../i18n/use-t';
import { PagePlaceholder } from '../../layout/page-placeholder';
import { messages } from './messages';

export function UsersPage() {
  const t = useT(messages);
  return <PagePlaceholder title={t('usersTitle')} />;
}
