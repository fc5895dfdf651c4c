import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, formErrorsOf } from '../../api/api-error';
import { useT } from '../../i18n/use-t';
import { asApiError } from './api-problem';
import { messages } from './messages';
import { type CalendarDay, type CalendarKind, periodsApi } from './periods-api';

interface Row {
  day: Dayjs | null;
  kind: CalendarKind;
  name?: string | null;
}
interface Values {
  days: Row[];
}

const DAY = 'YYYY-MM-DD';

function rowsOf(days: CalendarDay[]): Row[] {
  return days.map((d) => ({ day: dayjs(d.day, DAY), kind: d.kind, name: d.name }));
}

/**
 * 节假日安排 of one year: the weekdays off and the weekend days worked, edited as rows and saved as a whole
 * (the server replaces the year). The server's refusals (a holiday on a weekend, a working day on a weekday,
 * a date twice) appear under their row: its paths are body.days[i].day, in the order the rows were sent.
 */
export function HolidayCalendar() {
  const t = useT(messages);
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch('days', form);
  // Rows edited since the last load or save: switching the year or reloading would drop them.
  const [dirty, setDirty] = useState(false);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ApiError | undefined>();

  const show = useCallback(
    (days: CalendarDay[]) => {
      form.resetFields();
      form.setFieldsValue({ days: rowsOf(days) });
      setDirty(false);
    },
    [form],
  );

  const load = useCallback(
    async (y: number) => {
      setLoading(true);
      setProblem(undefined);
      try {
        show((await periodsApi.calendar(y)).days);
      } catch (error) {
        setProblem(asApiError(error));
      } finally {
        setLoading(false);
      }
    },
    [show],
  );

  /** Runs `go` at once, or after the user agrees to drop the edits not saved. */
  const unlessDirty = (go: () => void) => {
    if (!dirty) return go();
    modal.confirm({
      title: t('discardTitle'),
      content: t('discardChanges', { year }),
      okText: t('confirm'),
      cancelText: t('cancel'),
      onOk: go,
    });
  };

  useEffect(() => {
    void load(year);
  }, [load, year]);

  const save = async (values: Values) => {
    setSaving(true);
    setProblem(undefined);
    // Sent in the rows' order, so that the server's days[i] is row i.
    const days: CalendarDay[] = (values.days ?? []).map((r) => ({
      day: r.day?.format(DAY) ?? '',
      kind: r.kind,
      name: r.name?.trim() ? r.name.trim() : null,
    }));
    try {
      const saved = await periodsApi.replaceCalendar(year, days);
      show(saved.days);
      void message.success(t('calendarSaved', { year, n: saved.days.length }));
    } catch (error) {
      const e = asApiError(error);
      setProblem(e);
      form.setFields(formErrorsOf<Values>(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('calendarTitle')} data-testid="holiday-calendar">
      <Typography.Paragraph type="secondary">{t('calendarIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('calendarYear')}</span>
        <InputNumber
          id="calendar-year"
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(v) => {
            if (v !== null && v >= 2000 && v <= 2100 && v !== year) unlessDirty(() => setYear(v));
          }}
        />
        <Button onClick={() => unlessDirty(() => void load(year))}>{t('reload')}</Button>
      </Space>
      {problem !== undefined && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="calendar-problem"
          data-code={problem.code}
          title={problem.detail}
        />
      )}
      <Spin spinning={loading}>
        <Form<Values>
          form={form}
          name="calendar"
          onFinish={save}
          initialValues={{ days: [] }}
          onValuesChange={() => setDirty(true)}
        >
          <Form.List name="days">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && !loading && (
                  <Typography.Paragraph type="secondary">{t('emptyCalendar')}</Typography.Paragraph>
                )}
                {fields.length > 0 && (
                  <Space style={{ marginBottom: 8 }} aria-hidden>
                    <Typography.Text strong style={{ display: 'inline-block', width: 150 }}>
                      {t('day')}
                    </Typography.Text>
                    <Typography.Text strong style={{ display: 'inline-block', width: 56 }}>
                      {t('weekday')}
                    </Typography.Text>
                    <Typography.Text strong style={{ display: 'inline-block', width: 200 }}>
                      {t('kind')}
                    </Typography.Text>
                    <Typography.Text strong>{t('dayName')}</Typography.Text>
                  </Space>
                )}
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap data-testid="calendar-row">
                    <Form.Item
                      name={[field.name, 'day']}
                      rules={[{ required: true, message: t('dayRequired') }]}
                      style={{ width: 150 }}
                    >
                      <DatePicker
                        aria-label={t('day')}
                        format={DAY}
                        placeholder={t('day')}
                        minDate={dayjs(`${year}-01-01`)}
                        maxDate={dayjs(`${year}-12-31`)}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const d = form.getFieldValue(['days', field.name, 'day']) as Dayjs | null;
                        return (
                          <Typography.Text
                            type={d && (d.day() === 0 || d.day() === 6) ? 'warning' : undefined}
                            style={{ display: 'inline-block', width: 56, lineHeight: '32px' }}
                            data-testid="calendar-weekday"
                          >
                            {d ? d.format('ddd') : ''}
                          </Typography.Text>
                        );
                      }}
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']}>
                      <Select
                        style={{ width: 200 }}
                        aria-label={t('kind')}
                        options={[
                          { value: 'holiday', label: t('kind_holiday') },
                          { value: 'workday', label: t('kind_workday') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']}>
                      <Input
                        maxLength={40}
                        style={{ width: 160 }}
                        placeholder={t('dayNamePlaceholder')}
                        aria-label={t('dayName')}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('removeDay')}
                      data-testid="calendar-remove"
                      onClick={() => {
                        remove(field.name);
                        setDirty(true);
                      }}
                    />
                  </Space>
                ))}
                <Space style={{ display: 'flex' }} wrap>
                  <Button
                    icon={<PlusOutlined />}
                    data-testid="calendar-add"
                    onClick={() => {
                      add({ day: null, kind: 'holiday', name: null });
                      setDirty(true);
                    }}
                  >
                    {t('addDay')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="calendar-save">
                    {t('saveCalendar', { year })}
                  </Button>
                  <Typography.Text type="secondary" data-testid="calendar-summary">
                    {t('calendarSummary', {
                      holidays: (watched ?? []).filter((r) => r?.kind === 'holiday').length,
                      workdays: (watched ?? []).filter((r) => r?.kind === 'workday').length,
                    })}{' '}
                    {t('calendarReplaces')}
                  </Typography.Text>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      </Spin>
    </Card>
  );
}
