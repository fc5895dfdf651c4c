import { checkFormula, type DataElement, type FormulaError } from '@xiaoneng/engine';
import { Input } from 'antd';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';

/** The `#{partial` being typed right before the caret, if any. */
function openReference(text: string, caret: number): { start: number; partial: string } | undefined {
  const m = /#\{([^}#\s]*)$/.exec(text.slice(0, caret));
  return m === null ? undefined : { start: m.index, partial: m[1] ?? '' };
}

/**
 * A formula field: the engine's parser checks it as it is typed and the first problem is underlined at its
 * position with the engine's message; typing `#{` offers the plan's data elements (arrow keys and Enter, or
 * a click).
 */
export function FormulaInput({
  value,
  elements,
  onChange,
  testId,
  excludeElement,
}: {
  value: string;
  elements: readonly DataElement[];
  onChange: (next: string) => void;
  testId: string;
  /** A computed element's own code: it may not refer to itself. */
  excludeElement?: string;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const known = useMemo(() => new Set(elements.map((e) => e.code)), [elements]);
  const errors: FormulaError[] = useMemo(() => checkFormula(value, known), [value, known]);

  const open = caret === null ? undefined : openReference(value, caret);
  const suggestions =
    open === undefined
      ? []
      : elements
          .filter((e) => e.code !== excludeElement)
          .filter((e) => {
            const q = open.partial.toLowerCase();
            return e.code.toLowerCase().includes(q) || e.name.includes(open.partial);
          })
          .slice(0, 8);

  const choose = (e: DataElement) => {
    if (open === undefined || caret === null) return;
    // Replace `#{partial` (and a closing brace already there) with the whole reference.
    const after = value.slice(caret).startsWith('}') ? value.slice(caret + 1) : value.slice(caret);
    const inserted = `#{${e.code}}`;
    const next = value.slice(0, open.start) + inserted + after;
    onChange(next);
    const at = open.start + inserted.length;
    setCaret(null);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const chosen = suggestions[Math.min(active, suggestions.length - 1)];
      if (chosen !== undefined) choose(chosen);
    } else if (event.key === 'Escape') setCaret(null);
  };

  const first = errors[0];
  return (
    <div style={{ position: 'relative' }}>
      <Input.TextArea
        ref={(r) => {
          ref.current = r?.resizableTextArea?.textArea ?? null;
        }}
        data-testid={testId}
        value={value}
        autoSize={{ minRows: 1, maxRows: 6 }}
        spellCheck={false}
        status={first === undefined ? '' : 'error'}
        style={{ fontFamily: 'monospace' }}
        aria-invalid={first !== undefined}
        aria-describedby={first === undefined ? undefined : `${testId}-error`}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret((e.target as HTMLTextAreaElement).selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setCaret(null), 150)}
      />
      {suggestions.length > 0 && (
        <div
          role="listbox"
          aria-label={t('elementSuggestions')}
          data-testid={`${testId}-suggestions`}
          style={{
            position: 'absolute',
            zIndex: 10,
            left: 0,
            right: 0,
            background: 'var(--ant-color-bg-elevated, #fff)',
            border: '1px solid #d9d9d9',
            borderRadius: 6,
            boxShadow: '0 6px 16px rgba(0,0,0,0.08)',
            maxHeight: 240,
            overflowY: 'auto',
          }}
        >
          {suggestions.map((e, i) => (
            <div
              key={e.code}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              data-code={e.code}
              onMouseDown={(ev) => {
                ev.preventDefault();
                choose(e);
              }}
              onKeyDown={() => {}}
              style={{
                padding: '4px 8px',
                cursor: 'pointer',
                background: i === active ? 'rgba(22,119,255,0.08)' : undefined,
              }}
            >
              <code>{e.code}</code> <span style={{ opacity: 0.7 }}>{e.name}</span>
              {e.formula !== undefined && <span style={{ opacity: 0.5 }}> · {t('computedElement')}</span>}
            </div>
          ))}
        </div>
      )}
      {first !== undefined && (
        <div id={`${testId}-error`} data-testid={`${testId}-error`} data-code={first.code} role="alert">
          <pre
            data-testid={`${testId}-underline`}
            style={{ margin: '4px 0 0', fontSize: 12, whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}
          >
            {value.slice(0, first.position)}
            <mark
              data-testid={`${testId}-mark`}
              style={{
                background: 'rgba(255,77,79,0.15)',
                textDecoration: 'underline wavy #ff4d4f',
                padding: 0,
              }}
            >
              {value.slice(first.position, first.position + Math.max(1, first.length)) || '\u00a0'}
            </mark>
            {value.slice(first.position + Math.max(1, first.length))}
          </pre>
          <div style={{ color: '#ff4d4f', fontSize: 12 }}>
            {first.message[locale]}
            {errors.length > 1 ? ` ${t('moreFormulaErrors', { n: errors.length - 1 })}` : ''}
          </div>
        </div>
      )}
    </div>
  );
}
