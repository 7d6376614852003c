import type {
  ButtonHTMLAttributes,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

/** The form controls every feature uses (as shadcn/ui's primitives): one look, said once. */
const cx = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(" ");

const CONTROL = "rounded border border-slate-300 bg-white px-2 py-1";
const BUTTON = {
  primary: "rounded bg-slate-900 px-3 py-1.5 text-sm text-white hover:bg-slate-700",
  secondary: "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100",
  small: "rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100",
} as const;
export type ButtonVariant = keyof typeof BUTTON;

/** A button's classes, for a link that looks like one. */
export const buttonClass = (variant: ButtonVariant = "secondary", extra?: string) =>
  cx(BUTTON[variant], "disabled:opacity-50", extra);

export function Button({
  variant = "secondary",
  className,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cx(CONTROL, className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cx(CONTROL, className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cx(CONTROL, className)} {...props} />;
}

/** A labelled control: the label names it for screen readers and tests, the error says what is wrong. */
export function Field({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={cx("flex flex-col gap-1 text-sm", className)}>
      <span className="text-slate-600">{label}</span>
      {children}
      {hint && <span className="text-xs text-slate-500">{hint}</span>}
      {error && <span className="text-xs text-red-700">{error}</span>}
    </label>
  );
}
