import type { FormInstance } from 'antd';
import { type ApiError, formErrorsOf } from '../../api/api-error';

/**
 * Puts the server's issues under the form's own fields (`body.unitCode` → the unitCode field); issues about
 * other paths stay in the problem shown above the form. `rename` maps a body field to a form field.
 */
export function showFieldErrors<T>(
  form: FormInstance<T>,
  error: ApiError,
  rename: Record<string, string> = {},
) {
  const known = new Set(Object.keys((form.getFieldsValue(true) as object | undefined) ?? {}));
  const fields = formErrorsOf<T>(error)
    .map((f) => {
      const name = f.name as (string | number)[];
      const first = String(name[0]);
      return { ...f, name: [rename[first] ?? first, ...name.slice(1)] };
    })
    .filter((f) => known.has(String(f.name[0])));
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
}
