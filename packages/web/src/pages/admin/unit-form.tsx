import { AutoComplete, Button, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { type AdminUnit, adminApi, type UnitClass } from './admin-api';
import { ApiProblem, asApiError } from './api-problem';
import { showFieldErrors } from './form-errors';
import { messages } from './messages';

interface Values {
  code: string;
  name: string;
  classCode: string;
  parentCode: string;
  level: string;
  elasticity: number | null;
  disabled: boolean;
}

/** The usual levels; the server takes any (an open list), so the field also takes free text. */
const LEVELS = ['department', 'city', 'county', 'town', 'village'] as const;

/**
 * Adds a unit (no `unit`) or edits one: name, class, level, parent, elasticity, disabled. Units are never
 * deleted, only disabled. The server checks the code (GB/T 2260 style), the parent and loops.
 */
export function UnitForm({
  unit,
  parentCode,
  classes,
  onSaved,
  onCancel,
}: {
  unit?: AdminUnit;
  parentCode?: string | null;
  classes: readonly UnitClass[];
  onSaved(unit: AdminUnit): void;
  onCancel?(): void;
}) {
  const t = useT(messages);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const parent = v.parentCode.trim() === '' ? null : v.parentCode.trim();
    try {
      const saved =
        unit === undefined
          ? await adminApi.createUnit({
              code: v.code.trim(),
              name: v.name,
              classCode: v.classCode,
              parentCode: parent,
              level: v.level,
              elasticity: v.elasticity ?? null,
            })
          : await adminApi.updateUnit(unit, {
              name: v.name,
              classCode: v.classCode,
              parentCode: parent,
              level: v.level,
              elasticity: v.elasticity ?? null,
              disabled: v.disabled,
            });
      onSaved(saved);
    } catch (e) {
      const problem = asApiError(e);
      showFieldErrors(form, problem);
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      name={unit === undefined ? 'newUnit' : 'unit'}
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid={unit === undefined ? 'unit-create-form' : 'unit-edit-form'}
      initialValues={{
        code: unit?.code ?? '',
        name: unit?.name ?? '',
        classCode: unit?.classCode ?? classes[0]?.code,
        parentCode: unit?.parentCode ?? parentCode ?? '',
        level: unit?.level ?? 'county',
        elasticity: unit?.elasticity ?? null,
        disabled: unit?.disabled ?? false,
      }}
    >
      {error !== undefined && <ApiProblem error={error} testId="unit-form-problem" />}
      <Form.Item
        name="code"
        label={t('unitCode')}
        extra={t('unitCodeHelp')}
        rules={[{ required: true, message: t('required') }]}
      >
        <Input disabled={unit !== undefined} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('unitName')} rules={[{ required: true, message: t('required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="classCode" label={t('unitClass')} rules={[{ required: true, message: t('required') }]}>
        <Select options={classes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))} />
      </Form.Item>
      <Form.Item name="level" label={t('level')} rules={[{ required: true, message: t('required') }]}>
        <AutoComplete options={LEVELS.map((l) => ({ value: l, label: `${t(`level_${l}`)} (${l})` }))} />
      </Form.Item>
      <Form.Item name="parentCode" label={t('parentCode')} extra={t('parentCodeHelp')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="elasticity" label={t('elasticity')} extra={t('elasticityHelp')}>
        <InputNumber min={0.01} max={10} step={0.05} style={{ width: 160 }} />
      </Form.Item>
      {unit !== undefined && (
        <Form.Item name="disabled" label={t('unitDisabled')} valuePropName="checked">
          <Switch data-testid="unit-disabled-switch" />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {unit === undefined ? t('addUnit') : t('save')}
        </Button>
        {onCancel !== undefined && <Button onClick={onCancel}>{t('cancel')}</Button>}
      </Space>
    </Form>
  );
}
