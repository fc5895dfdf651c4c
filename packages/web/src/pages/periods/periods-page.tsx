import { Alert, Card, Flex, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error';
import { useT } from '../../i18n/use-t';
import { asApiError } from './api-problem';
import { HolidayCalendar } from './holiday-calendar';
import { messages } from './messages';
import { PeriodCreateForm } from './period-create-form';
import { PeriodTable } from './period-table';
import { type Period, periodsApi } from './periods-api';

/** 考核周期: the office opens and closes periods, sets deadlines, and keeps the holiday calendar. */
export function PeriodsPage() {
  const t = useT(messages);
  const [periods, setPeriods] = useState<Period[] | undefined>();
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [conflict, setConflict] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      setPeriods((await periodsApi.list()).items);
    } catch (error) {
      setProblem(asApiError(error));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const saved = (p: Period) => {
    setConflict(undefined);
    setProblem(undefined);
    setPeriods((list) => {
      const others = (list ?? []).filter((q) => q.code !== p.code);
      return [...others, p].sort((a, b) => a.code.localeCompare(b.code));
    });
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('periodsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('periodsIntro')}
      </Typography.Paragraph>
      {conflict !== undefined && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(undefined) }}
          data-testid="period-conflict"
          title={t('conflict', { code: conflict })}
        />
      )}
      {problem !== undefined && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setProblem(undefined) }}
          data-testid="periods-problem"
          data-code={problem.code}
          title={problem.detail}
        />
      )}
      <PeriodCreateForm onCreated={saved} />
      <Card size="small" title={t('periodList')}>
        {periods === undefined ? (
          <Spin />
        ) : (
          <PeriodTable
            periods={periods}
            onSaved={saved}
            onConflict={(code) => {
              setConflict(code);
              void load();
            }}
            onError={(e) => setProblem(asApiError(e))}
          />
        )}
      </Card>
      <HolidayCalendar />
    </Flex>
  );
}
