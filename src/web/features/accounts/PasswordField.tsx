import { PasswordInput } from "@mantine/core";
import { fieldError } from "../../ui/ApiErrorAlert.tsx";

/**
 * A required password box of a sign-in or account form, showing the API's refusal of its own
 * field (`field` in the refusal's details) under it.
 */
export function PasswordField(props: {
  label: string;
  autoComplete: "current-password" | "new-password";
  value: string;
  onChange: (value: string) => void;
  refusal: unknown;
  field: string;
}) {
  return (
    <PasswordInput
      label={props.label}
      autoComplete={props.autoComplete}
      required
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={fieldError(props.refusal, props.field)}
    />
  );
}
