import { type ReactNode, useId } from 'react';

/**
 * A short text whose longer form shows on hover and on keyboard focus (a tooltip the text is
 * described by), e.g. a partner's 简称 and its full name. Without a longer form, plain text.
 */
export function Hint({ children, hint, className = '' }: { children: ReactNode; hint: ReactNode; className?: string }) {
  const id = useId();
  if (hint === null || hint === undefined || hint === '' || hint === children) {
    return <span className={className}>{children}</span>;
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users can read the hint too
    <span className={`overview-hint ${className}`} tabIndex={0} aria-describedby={id}>
      <span className="overview-hint__text">{children}</span>
      <span role="tooltip" id={id} className="overview-hint__tip">
        {hint}
      </span>
    </span>
  );
}
