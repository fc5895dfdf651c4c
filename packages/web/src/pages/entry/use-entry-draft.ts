import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { FieldState } from './entry-field';
import type { EntryForm, EvidenceSummary, Submission } from './entry-types';
import { parseNumber } from './field-check';

/** Quiet time after the last keystroke before the draft is saved. */
export const AUTOSAVE_MS = 800;

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; detail: string };

interface Local {
  text?: string;
  /** undefined: as on the server; null: removed here. */
  evidence?: EvidenceSummary | null;
  serverError?: string;
}

function textOf(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * The draft of one form: the server's form plus what was typed here and not yet saved. Changes are saved
 * (only the changed fields, so that imported values keep their origin) after AUTOSAVE_MS of quiet with the
 * submission's version; a 409 reloads the form, drops the local changes and calls `onConflict`.
 */
export function useEntryDraft(path: string, onConflict: () => void) {
  const [form, setForm] = useState<EntryForm | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [local, setLocal] = useState<Record<string, Local>>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  // Saves chain faster than React renders: the refs are the truth between renders, set where they change.
  const localRef = useRef(local);
  const formRef = useRef(form);
  const versionRef = useRef(0);
  const updateLocal = useCallback((change: (now: Record<string, Local>) => Record<string, Local>) => {
    localRef.current = change(localRef.current);
    setLocal(localRef.current);
  }, []);
  const saving = useRef<Promise<void> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const next = await api.get<EntryForm>(`/api/entry-forms/${path}`);
      formRef.current = next;
      versionRef.current = next.submission?.version ?? 0;
      setForm(next);
      setLoadError(undefined);
      return next;
    } catch (e) {
      if (e instanceof ApiError) setLoadError(e);
      else throw e;
      return undefined;
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);

  const stateOf = useCallback(
    (code: string): FieldState => {
      const field = form?.fields.find((f) => f.code === code);
      const l = local[code];
      const dirty = l !== undefined && (l.text !== undefined || l.evidence !== undefined);
      return {
        text: l?.text ?? textOf(field?.value ?? null),
        evidence: l?.evidence === undefined ? (field?.evidence ?? null) : l.evidence,
        dirty,
        ...(l?.serverError === undefined ? {} : { serverError: l.serverError }),
      };
    },
    [form, local],
  );

  const saveNow = useCallback(async (): Promise<void> => {
    if (saving.current !== undefined) {
      await saving.current;
      return saveNow();
    }
    const current = formRef.current;
    if (current === undefined || !current.editable) return;
    const snapshot = localRef.current;
    const items: { element: string; value: number | null; evidenceHash: string | null }[] = [];
    for (const [code, l] of Object.entries(snapshot)) {
      if (l.text === undefined && l.evidence === undefined) continue;
      const field = current.fields.find((f) => f.code === code);
      if (field === undefined) continue;
      const parsed = parseNumber(l.text ?? textOf(field.value));
      if (parsed.kind === 'invalid') continue;
      const evidence = l.evidence === undefined ? field.evidence : l.evidence;
      const value = parsed.kind === 'empty' ? null : parsed.value;
      // Evidence waits for a value; an empty field with no stored value has nothing to remove.
      if (value === null && field.value === null) continue;
      items.push({ element: code, value, evidenceHash: value === null ? null : (evidence?.hash ?? null) });
    }
    if (items.length === 0) {
      const invalid = Object.values(snapshot).some(
        (l) => l.text !== undefined && parseNumber(l.text).kind === 'invalid',
      );
      setStatus(invalid ? { kind: 'dirty' } : { kind: 'idle' });
      return;
    }
    setStatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await api.put<Submission>(`/api/submissions/${path}/values`, {
          values: items,
          version: versionRef.current,
        });
        versionRef.current = saved.version;
        const fresh = await load();
        updateLocal((now) => {
          const next = { ...now };
          for (const item of items) {
            const sent = snapshot[item.element];
            const latest = now[item.element];
            // Typed again while saving: keep the newer text for the next save.
            if (latest?.text === sent?.text && latest?.evidence === sent?.evidence) delete next[item.element];
          }
          return next;
        });
        // A change typed during this save is still waiting for its own: not saved yet.
        if (fresh !== undefined)
          setStatus(timer.current === undefined ? { kind: 'saved', at: new Date() } : { kind: 'dirty' });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          updateLocal(() => ({}));
          await load();
          setStatus({ kind: 'idle' });
          onConflict();
          return;
        }
        const detail = e instanceof ApiError ? e.detail : String(e);
        if (e instanceof ApiError)
          updateLocal((now) => {
            const next = { ...now };
            for (const issue of e.errors) {
              const m = /^body\.values\[(\d+)\]/.exec(issue.path);
              const item = m === null ? undefined : items[Number(m[1])];
              if (item !== undefined)
                next[item.element] = { ...next[item.element], serverError: issue.message };
            }
            return next;
          });
        setStatus({ kind: 'error', detail });
      }
    })();
    saving.current = run;
    try {
      await run;
    } finally {
      saving.current = undefined;
    }
  }, [load, onConflict, path, updateLocal]);

  const schedule = useCallback(() => {
    setStatus({ kind: 'dirty' });
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void saveNow();
    }, AUTOSAVE_MS);
  }, [saveNow]);

  // Leaving the page (back to the list) within the quiet time still saves what was typed.
  const saveNowRef = useRef(saveNow);
  saveNowRef.current = saveNow;
  useEffect(
    () => () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      timer.current = undefined;
      void saveNowRef.current();
    },
    [],
  );

  const setText = useCallback(
    (code: string, text: string) => {
      updateLocal((now) => {
        const { serverError: _, ...rest } = now[code] ?? {};
        return { ...now, [code]: { ...rest, text } };
      });
      schedule();
    },
    [schedule, updateLocal],
  );

  const setEvidence = useCallback(
    (code: string, evidence: EvidenceSummary | null) => {
      updateLocal((now) => ({ ...now, [code]: { ...now[code], evidence } }));
      schedule();
    },
    [schedule, updateLocal],
  );

  /** Saves what is pending now (before submitting or leaving). */
  const flush = useCallback(async () => {
    if (timer.current !== undefined) {
      clearTimeout(timer.current);
      timer.current = undefined;
    }
    await saveNow();
  }, [saveNow]);

  const invalidCount = Object.values(local).filter(
    (l) => l.text !== undefined && parseNumber(l.text).kind === 'invalid',
  ).length;

  return { form, loadError, load, stateOf, setText, setEvidence, flush, status, invalidCount };
}
