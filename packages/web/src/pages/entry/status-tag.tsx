import { Tag } from 'antd';
import { useT } from '../../i18n/use-t';
import type { SubmissionStatus } from './entry-types';
import { messages } from './messages';

const COLOUR: Record<SubmissionStatus | 'none', string> = {
  none: 'default',
  draft: 'processing',
  submitted: 'blue',
  returned: 'warning',
  approved: 'success',
};

/** A submission's state as a coloured tag (草稿, 已提交, 已退回, 已通过). */
export function StatusTag({ status }: { status: SubmissionStatus | 'none' }) {
  const t = useT(messages);
  return (
    <Tag color={COLOUR[status]} data-testid="status-tag" data-status={status}>
      {t(`status_${status}`)}
    </Tag>
  );
}
