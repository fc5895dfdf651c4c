import { QuestionCircleOutlined } from '@ant-design/icons';
import { Flex, Input, Tag, Tooltip, Typography } from 'antd';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import type { EntryField, EvidenceSummary } from './entry-types';
import { EvidenceUpload } from './evidence-upload';
import { flagsOf, parseNumber } from './field-check';
import { messages } from './messages';

export interface FieldState {
  text: string;
  evidence: EvidenceSummary | null;
  /** Typed or uploaded here and not saved yet. */
  dirty: boolean;
  /** The server refused the last save of this field. */
  serverError?: string;
}

/**
 * One value of the form: label with unit, range and last period, help, the input (warned, never blocked,
 * outside the plausible range), where the value came from, and its evidence.
 */
export function EntryFieldInput({
  field,
  state,
  editable,
  phone,
  onText,
  onEvidence,
}: {
  field: EntryField;
  state: FieldState;
  editable: boolean;
  phone: boolean;
  onText(text: string): void;
  onEvidence(evidence: EvidenceSummary | null): void;
}) {
  const t = useT(messages);
  const format = useFormat();
  const parsed = parseNumber(state.text);
  const flags = parsed.kind === 'number' ? flagsOf(field, parsed.value, field.previous) : [];
  const range =
    field.min !== null && field.max !== null
      ? `${format.number(field.min)} – ${format.number(field.max)}`
      : field.min !== null
        ? t('rangeFrom', { min: format.number(field.min) })
        : field.max !== null
          ? t('rangeTo', { max: format.number(field.max) })
          : null;
  const warnings = flags.map((f) =>
    t(`warn_${f}`, {
      min: field.min === null ? '' : format.number(field.min),
      max: field.max === null ? '' : format.number(field.max),
      previous: field.previous === null ? '' : format.number(field.previous),
    }),
  );
  const status =
    parsed.kind === 'invalid' || state.serverError ? 'error' : flags.length > 0 ? 'warning' : undefined;
  const inputId = `field-${field.code}`;
  const showOrigin = field.origin !== null && !state.dirty;
  return (
    <Flex vertical gap={4} data-testid={`field-${field.code}`} style={{ paddingBlock: 10 }}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <label htmlFor={inputId} style={{ fontWeight: 500 }}>
          {field.name}
          {field.unit !== null && <Typography.Text type="secondary">（{field.unit}）</Typography.Text>}
          {field.help !== null && (
            <Tooltip title={field.help}>
              <QuestionCircleOutlined aria-label={t('help')} style={{ marginInlineStart: 6 }} />
            </Tooltip>
          )}
        </label>
        {showOrigin && (
          <Tag color={field.origin === 'import' ? 'cyan' : 'default'} data-testid="origin">
            {field.origin === 'import' ? t('fromImport') : t('byHand')}
          </Tag>
        )}
      </Flex>
      <Input
        id={inputId}
        size="large"
        inputMode="decimal"
        autoComplete="off"
        value={state.text}
        disabled={!editable}
        status={status}
        suffix={field.unit ?? undefined}
        // 16 px keeps phones from zooming into the field; 44 px is a thumb's touch target.
        style={{ minHeight: 44, fontSize: 16 }}
        onChange={(e) => onText(e.target.value)}
        aria-invalid={parsed.kind === 'invalid'}
        aria-describedby={`${inputId}-hint`}
      />
      <div id={`${inputId}-hint`}>
        {(range !== null || field.previous !== null) && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {[
              range === null ? null : t('range', { range }),
              field.previous === null ? null : t('previous', { value: format.number(field.previous) }),
            ]
              .filter((x) => x !== null)
              .join(' · ')}
          </Typography.Text>
        )}
        {parsed.kind === 'invalid' && (
          <div>
            <Typography.Text type="danger" data-testid="field-error">
              {t('notNumber')}
            </Typography.Text>
          </div>
        )}
        {state.serverError !== undefined && (
          <div>
            <Typography.Text type="danger" data-testid="field-error">
              {state.serverError}
            </Typography.Text>
          </div>
        )}
        {warnings.map((w) => (
          <div key={w}>
            <Typography.Text type="warning" data-testid="field-warning">
              {w}
            </Typography.Text>
          </div>
        ))}
      </div>
      {(editable || state.evidence !== null) && (
        <EvidenceUpload
          code={field.code}
          evidence={state.evidence}
          pending={state.evidence !== null && parsed.kind === 'empty' && field.value === null}
          disabled={!editable}
          phone={phone}
          onUploaded={onEvidence}
          onRemove={() => onEvidence(null)}
        />
      )}
    </Flex>
  );
}
