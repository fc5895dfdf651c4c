import { Result, Typography } from 'antd';
import { useT } from '../i18n/use-t';

/** Stands in for a page until its author replaces the page file. */
export function PagePlaceholder({ title }: { title: string }) {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{title}</Typography.Title>
      <Result status="info" title={t('placeholder')} />
    </>
  );
}
