/** Form building blocks shared by account and admin forms: labelled fields with their errors. */

export interface FieldProps {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'number' | 'datetime-local' | 'date';
  value?: string;
  /** The field's error, shown under it and announced with it. */
  error?: string;
  /** Help shown under the field. */
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
}

/** A label, an input, and its hint and error linked by aria-describedby. */
export function Field(props: FieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        minLength={props.minLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {props.hint && (
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The session-bound CSRF token every signed-in form carries (see http/csrf.ts). */
export function CsrfInput({ token }: { token: string | null | undefined }) {
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

/** A message about the whole form, announced when the page loads with it. */
export function FormMessage({ message, kind = 'error' }: { message?: string | null; kind?: 'error' | 'info' }) {
  if (!message) return null;
  return (
    <p class={kind === 'error' ? 'form-message form-error' : 'form-message'} role={kind === 'error' ? 'alert' : 'status'}>
      {message}
    </p>
  );
}
