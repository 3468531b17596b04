import { PasswordInput } from '@mantine/core';
import type { PasswordInputProps } from '@mantine/core';
import type { ComponentPropsWithoutRef } from 'react';

/**
 * A password input whose error also marks it invalid: Mantine's PasswordInput links the error
 * text (aria-describedby) but leaves `aria-invalid` off.
 */
export function PasswordField(
  props: PasswordInputProps & Omit<ComponentPropsWithoutRef<'input'>, keyof PasswordInputProps>,
) {
  return <PasswordInput aria-invalid={Boolean(props.error)} {...props} />;
}
