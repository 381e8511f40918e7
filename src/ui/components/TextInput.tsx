import { FieldError, Input, Label, Text, TextField, type TextFieldProps } from 'react-aria-components';

/** A labelled text field whose error (from the app's own schemas) shows beneath it as it is typed. */
export function TextInput({ label, error, description, className = '', inputClassName = '', ...props }: Omit<TextFieldProps, 'className' | 'isInvalid'> & { label: string; error?: string; description?: string; className?: string; inputClassName?: string }) {
  return (
    <TextField {...props} isInvalid={error !== undefined} validationBehavior="aria" className={`flex flex-col gap-1 ${className}`}>
      <Label className="text-sm font-medium text-slate-700">{label}</Label>
      <Input
        spellCheck={false}
        autoComplete="off"
        className={`rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm outline-none data-[focused]:border-emerald-600 data-[focused]:ring-4 data-[focused]:ring-emerald-500/20 data-[invalid]:border-rose-500 ${inputClassName}`}
      />
      {description && <Text slot="description" className="text-xs text-slate-600">{description}</Text>}
      <FieldError className="text-xs font-medium text-rose-700">{error}</FieldError>
    </TextField>
  );
}

/** A native select (the platform's own keyboard and screen-reader behaviour), labelled. */
export function SelectInput({ label, value, onChange, options, id, className = '' }: { label: string; value: string; onChange(value: string): void; options: readonly { value: string; label: string }[]; id: string; className?: string }) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <select
        id={id}
        value={value}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm outline-none focus:border-emerald-600 focus:ring-4 focus:ring-emerald-500/30"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}
