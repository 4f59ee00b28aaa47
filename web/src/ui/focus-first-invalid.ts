import { useEffect } from 'react';

/**
 * After any form on the page is submitted, moves the focus to its first control marked invalid
 * (`aria-invalid="true"`), once React has drawn the errors. A keyboard or screen-reader user then
 * lands on what to fix, hears its label, that it is invalid and its message (aria-describedby),
 * after the form's summary (role="alert"). A form sent without errors keeps the focus where it is.
 */
export function useFocusFirstInvalidOnSubmit(): void {
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (form instanceof HTMLFormElement) {
        requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      }
    };
    document.addEventListener('submit', onSubmit);
    return () => document.removeEventListener('submit', onSubmit);
  }, []);
}
